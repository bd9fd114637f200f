package com.restaurantos.engineio;

/**
 * The errors an HTTP request of the engine is answered with: a status and a JSON body {@code {"code","message"}}.
 * Codes 0–5 and their 400/403 are the reference server's; 6–8 are this server's refused handshakes (the
 * reference has no such limits), numbered after them so that a client can tell them apart.
 */
enum EngineError {
    UNKNOWN_TRANSPORT(0, "Transport unknown", 400),
    UNKNOWN_SID(1, "Session ID unknown", 400),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method", 400),
    BAD_REQUEST(3, "Bad request", 400),
    FORBIDDEN(4, "Forbidden", 403),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", 400),
    // 503: the server as a whole is full; the client should try again later, perhaps another node.
    CONNECTION_LIMIT(6, "Server at connection limit", 503),
    // 429: this client (address) asks too much; others are still served.
    ADDRESS_CONNECTION_LIMIT(7, "Too many connections from this address", 429),
    ADDRESS_HANDSHAKE_RATE(8, "Too many handshakes from this address", 429);

    final int code;
    final String message;
    final int status;

    EngineError(int code, String message, int status) {
        this.code = code;
        this.message = message;
        this.status = status;
    }

    String json() {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
    }
}
