package com.restaurantos.engineio;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;

/** HTTP long-polling: at most one GET is held open, and is answered when there is something to send. */
final class PollingTransport {
    static final String NAME = "polling";

    private HttpServerRequest pendingGet;

    boolean hasPendingGet() {
        return pendingGet != null;
    }

    void hold(HttpServerRequest get) {
        pendingGet = get;
    }

    /** Answers the held GET with these packets. */
    void respond(List<EnginePacket> packets, Cors cors) {
        HttpServerRequest get = pendingGet;
        pendingGet = null;
        if (get == null || get.response().ended() || get.response().closed()) {
            return;
        }
        cors.apply(get);
        get.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8")
                .end(EngineCodec.encodePayload(packets));
    }

    /** Refuses the held GET with an Engine.IO error. */
    void reject(EngineServer server, EngineError error) {
        HttpServerRequest get = pendingGet;
        pendingGet = null;
        if (get != null) {
            server.reject(get, error);
        }
    }

    /** Forgets a held GET whose connection went away. */
    void dropIf(HttpServerRequest get) {
        if (pendingGet == get) {
            pendingGet = null;
        }
    }
}
