package com.restaurantos.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * What every HTTP answer of the server has, whoever writes it (the REST router, Socket.IO's polling transport,
 * Vert.x for a request it cannot parse): security headers, and errors in the contract's shape.
 */
public final class HttpHygiene {
    private HttpHygiene() {
    }

    /**
     * The server answers only JSON and text (no page of its own): nothing in an answer may run, load anything,
     * be framed, be sniffed into another type, be cached or leak the page that asked. Set before the answer is
     * written, so that a handler may still replace any of them.
     */
    public static void addSecurityHeaders(HttpServerResponse response) {
        response.putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /**
     * For {@code HttpServer#invalidRequestHandler}: a request Vert.x could not parse gets the contract's error,
     * instead of Vert.x's empty answer, with the status Vert.x would give it; the connection is then closed.
     */
    public static void answerInvalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = 400;
        String message = "malformed HTTP request";
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            message = "the request line is too long";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            message = "the request headers are too large";
        }
        HttpServerResponse response = request.response();
        addSecurityHeaders(response);
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(new JsonObject().put("success", false).put("error", new JsonObject()
                        .put("code", "INVALID_PAYLOAD").put("message", message)).encode());
    }
}
