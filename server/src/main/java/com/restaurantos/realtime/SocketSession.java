package com.restaurantos.realtime;

import com.restaurantos.auth.Principal;
import com.restaurantos.orders.Actor;
import com.restaurantos.socketio.Socket;
import io.vertx.core.Future;

import java.util.UUID;

/**
 * What the real-time layer keeps per socket. It lives in the socket's data, so connection state
 * recovery gives it back with the socket's rooms; the principal is set anew by every connection.
 */
final class SocketSession {
    private static final String KEY = "restaurant-os.session";

    private volatile Principal principal;
    private volatile UUID restaurant;
    private volatile boolean batched;
    /** The socket's blocking work, chained so that its events are acted on in the order they came. */
    private Future<?> tail = Future.succeededFuture();

    static SocketSession of(Socket socket) {
        return (SocketSession) socket.data().computeIfAbsent(KEY, k -> new SocketSession());
    }

    Principal principal() {
        return principal;
    }

    void principal(Principal p) {
        principal = p;
    }

    Actor actor() {
        return new Actor(principal.subject(), principal.ownOrdersOnly());
    }

    /** The restaurant the socket joined, or null. */
    UUID restaurant() {
        return restaurant;
    }

    void restaurant(UUID id) {
        restaurant = id;
    }

    boolean batched() {
        return batched;
    }

    void batched(boolean value) {
        batched = value;
    }

    /** Runs after the socket's previous work has finished; called on the socket's event loop only. */
    synchronized <T> Future<T> then(java.util.function.Supplier<Future<T>> work) {
        Future<T> next = tail.transform(ignored -> work.get());
        tail = next;
        return next;
    }
}
