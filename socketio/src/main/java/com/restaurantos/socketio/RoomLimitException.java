package com.restaurantos.socketio;

/** A join that would put a socket in more rooms than {@link SocketIoOptions#maxRoomsPerSocket()}; it joined none. */
public final class RoomLimitException extends IllegalStateException {
    private final int limit;

    RoomLimitException(String socketId, int limit) {
        super("socket " + socketId + " may be in at most " + limit + " rooms");
        this.limit = limit;
    }

    /** The most rooms a socket may be in, its own id's room included. */
    public int limit() {
        return limit;
    }
}
