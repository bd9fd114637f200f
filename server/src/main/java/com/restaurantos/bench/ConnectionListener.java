package com.restaurantos.bench;

/** What a scenario hears from its connections; called on the connection's event loop. */
interface ConnectionListener {
    /** The connection is authenticated and its {@code join:restaurant} was acknowledged. */
    void ready(BenchConnection connection, long nanos);

    /** The connection did not get ready: refused, timed out, closed, or the server said no. */
    void failed(BenchConnection connection, String reason);

    /** A ready connection was closed, by either side. */
    void closed(BenchConnection connection, String reason);

    /** An Engine.IO ping of a ready connection, already answered. */
    default void ping(BenchConnection connection) {
    }

    /**
     * A Socket.IO EVENT ({@code 42[...]}) of a connection that has joined the namespace: a ready one,
     * or one waiting for its join's ack (a recovered session gets the events it missed then). The bytes
     * are only valid during the call.
     *
     * @param nanos when the read that carried it began ({@link System#nanoTime()})
     */
    default void event(BenchConnection connection, byte[] message, int offset, int length, long nanos) {
    }

    /** A Socket.IO ACK ({@code 43<id>[...]}) of a ready connection, other than its join's. Bytes as for events. */
    default void ack(BenchConnection connection, byte[] message, int offset, int length, long nanos) {
    }
}
