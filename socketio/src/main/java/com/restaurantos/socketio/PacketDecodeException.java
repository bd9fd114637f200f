package com.restaurantos.socketio;

/** Input that is not a valid Socket.IO packet. The only exception the decoder throws. */
public final class PacketDecodeException extends Exception {
    public PacketDecodeException(String message) {
        super(message, null, false, false);
    }
}
