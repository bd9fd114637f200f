package com.restaurantos.engineio;

/** Why an Engine.IO session ended; the strings are those of the reference server. */
public final class CloseReason {
    /** The client closed the connection or sent a close packet. */
    public static final String TRANSPORT_CLOSE = "transport close";
    /** The connection failed, or a request broke the protocol (such as an overlapping poll). */
    public static final String TRANSPORT_ERROR = "transport error";
    /** The client did not answer a ping in time. */
    public static final String PING_TIMEOUT = "ping timeout";
    /** The client sent something that is not a valid packet. */
    public static final String PARSE_ERROR = "parse error";
    /** The server closed the session on purpose. */
    public static final String FORCED_CLOSE = "forced close";
    /** The server is stopping. */
    public static final String SERVER_SHUTTING_DOWN = "server shutting down";
    /** The client stopped reading and its outbound queue reached the configured limit. */
    public static final String OUTBOUND_LIMIT = "outbound buffer full";

    private CloseReason() {
    }
}
