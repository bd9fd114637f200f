package com.restaurantos.engineio;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.List;
import java.util.Set;

/** Cross-origin rules for the HTTP long-polling transport. */
final class Cors {
    private final boolean anyOrigin;
    private final Set<String> origins;

    Cors(List<String> allowedOrigins) {
        this.anyOrigin = allowedOrigins.contains("*");
        this.origins = Set.copyOf(allowedOrigins);
    }

    boolean allows(String origin) {
        return origin == null || anyOrigin || origins.contains(origin);
    }

    /** Adds the CORS headers a browser needs to read the response, when the request names an allowed origin. */
    void apply(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || !allows(origin)) {
            return;
        }
        HttpServerResponse response = request.response();
        // Echoing the origin rather than "*" is what lets browsers send credentials (cookies).
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        response.putHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    }

    /** Answers a preflight request. */
    void preflight(HttpServerRequest request) {
        apply(request);
        HttpServerResponse response = request.response();
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
        String requested = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        if (requested != null) {
            response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, requested);
        }
        response.putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400");
        response.setStatusCode(204).end();
    }
}
