package com.restaurantos.socketio;

import com.restaurantos.engineio.CloseReason;

import java.util.Set;

/** Why a socket left its namespace; the strings are those of the reference server. */
public final class DisconnectReason {
    public static final String SERVER_NAMESPACE_DISCONNECT = "server namespace disconnect";
    public static final String CLIENT_NAMESPACE_DISCONNECT = "client namespace disconnect";
    public static final String SERVER_SHUTTING_DOWN = CloseReason.SERVER_SHUTTING_DOWN;
    public static final String FORCED_SERVER_CLOSE = "forced server close";

    /** Reasons after which the session is kept for connection state recovery. */
    static final Set<String> RECOVERABLE = Set.of(CloseReason.TRANSPORT_ERROR, CloseReason.TRANSPORT_CLOSE,
            CloseReason.FORCED_CLOSE, CloseReason.PING_TIMEOUT, SERVER_SHUTTING_DOWN, FORCED_SERVER_CLOSE,
            CloseReason.OUTBOUND_LIMIT);

    private DisconnectReason() {
    }
}
