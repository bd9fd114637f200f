package com.restaurantos.socketio;

/**
 * Runs for every event a socket receives, before its handler (Socket.IO's {@code socket.use}).
 * Call {@code next} to let the event through; not calling it drops the event, in which case the
 * middleware should tell the client why (for example through {@code event.ack()}).
 */
@FunctionalInterface
public interface EventMiddleware {
    void handle(Socket socket, Event event, Runnable next);
}
