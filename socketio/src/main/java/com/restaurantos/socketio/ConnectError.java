package com.restaurantos.socketio;

/**
 * Refusal of a namespace connection by a middleware; the client receives it as {@code connect_error}
 * with this message and, when given, this data (any value Jackson can write).
 */
public final class ConnectError extends RuntimeException {
    private final transient Object data;

    public ConnectError(String message) {
        this(message, null);
    }

    public ConnectError(String message, Object data) {
        super(message, null, false, false);
        this.data = data;
    }

    public Object data() {
        return data;
    }
}
