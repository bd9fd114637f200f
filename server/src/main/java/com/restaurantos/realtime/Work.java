package com.restaurantos.realtime;

import com.restaurantos.socketio.Event;
import com.restaurantos.socketio.Socket;
import io.vertx.core.Vertx;

import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Runs a handler's blocking part (JDBC) on a worker thread, after the socket's earlier events,
 * and replies with its result or its failure.
 */
final class Work {
    private final Vertx vertx;
    private final Replies replies;

    Work(Vertx vertx, Replies replies) {
        this.vertx = vertx;
        this.replies = replies;
    }

    Replies replies() {
        return replies;
    }

    /** Acts, then acks the data {@code reply} makes of the result. */
    <T> void run(Socket socket, SocketSession session, Event event, Callable<T> action, Function<T, Object> reply) {
        session.then(() -> vertx.executeBlocking(action, false)).onComplete(ar -> {
            if (ar.succeeded()) {
                replies.ok(event, reply.apply(ar.result()));
            } else {
                replies.fail(socket, event, ar.cause());
            }
        });
    }
}
