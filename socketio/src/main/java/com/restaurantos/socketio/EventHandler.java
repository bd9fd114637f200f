package com.restaurantos.socketio;

/** Handles one event name on one socket; runs on that client's event loop, so it must not block. */
@FunctionalInterface
public interface EventHandler {
    void handle(Event event);
}
