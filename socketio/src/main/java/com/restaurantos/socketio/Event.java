package com.restaurantos.socketio;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * An event received from a client.
 *
 * @param name the event name
 * @param args its arguments, binary ones as {@code BinaryNode}
 * @param ack  the reply channel; {@link Ack#requested()} says whether the client asked for one
 */
public record Event(String name, List<JsonNode> args, Ack ack) {
    public Event {
        args = List.copyOf(args);
    }

    /** The first argument, or null when there is none. */
    public JsonNode arg() {
        return args.isEmpty() ? null : args.get(0);
    }
}
