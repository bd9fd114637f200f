package com.restaurantos.engineio;

/** Why the server refused a handshake under its {@link EngineOptions.Limits}; see {@link EngineServer#refused}. */
public enum HandshakeRefusal {
    /** {@link EngineOptions.Limits#maxConnections()} sessions were open: 503. */
    MAX_CONNECTIONS("max_connections", EngineError.CONNECTION_LIMIT),
    /** {@link EngineOptions.Limits#maxConnectionsPerAddress()} sessions of the address were open: 429. */
    MAX_CONNECTIONS_PER_ADDRESS("max_connections_per_address", EngineError.ADDRESS_CONNECTION_LIMIT),
    /** The address made handshakes faster than {@link EngineOptions.Limits#handshakesPerSecond()}: 429. */
    HANDSHAKE_RATE("handshake_rate", EngineError.ADDRESS_HANDSHAKE_RATE);

    private final String label;
    final EngineError error;

    HandshakeRefusal(String label, EngineError error) {
        this.label = label;
        this.error = error;
    }

    /** A short snake_case name, fit for a metric tag. */
    public String label() {
        return label;
    }

    /** The HTTP status the handshake was answered with. */
    public int status() {
        return error.status;
    }
}
