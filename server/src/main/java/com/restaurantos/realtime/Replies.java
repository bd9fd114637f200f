package com.restaurantos.realtime;

import com.restaurantos.auth.AuthException;
import com.restaurantos.orders.OrderException;
import com.restaurantos.orders.ValidationException;
import com.restaurantos.socketio.Event;
import com.restaurantos.socketio.RoomLimitException;
import com.restaurantos.socketio.Socket;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;

/**
 * How a handler answers: {@code {success:true, data}} by ack; on failure
 * {@code {success:false, error:{code, message, details?}}} by ack, or as an {@code error} event
 * when the client asked for no ack (contract section 3).
 */
final class Replies {
    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    private final RealtimeMetrics metrics;

    Replies(RealtimeMetrics metrics) {
        this.metrics = metrics;
    }

    void ok(Event event, Object data) {
        if (event.ack().requested()) {
            event.ack().send(new JsonObject().put("success", true).put("data", data));
        }
    }

    void fail(Socket socket, Event event, ErrorCode code, String message, Object details) {
        metrics.error(code);
        JsonObject error = new JsonObject().put("code", code.name()).put("message", message);
        if (details != null) {
            error.put("details", details);
        }
        JsonObject body = new JsonObject().put("success", false).put("error", error);
        if (event.ack().requested()) {
            event.ack().send(body);
        } else {
            socket.emit("error", body);
        }
    }

    /** Tells the socket of a failure that answers no event of its own, as an {@code error} event. */
    void notify(Socket socket, ErrorCode code, String message) {
        metrics.error(code);
        socket.emit("error", new JsonObject().put("success", false)
                .put("error", new JsonObject().put("code", code.name()).put("message", message)));
    }

    /** Answers a failure of any kind with its contract code; an unexpected one is INTERNAL and logged. */
    void fail(Socket socket, Event event, Throwable failure) {
        if (failure instanceof PayloadException e) {
            fail(socket, event, ErrorCode.INVALID_PAYLOAD, e.getMessage(), null);
        } else if (failure instanceof ValidationException e) {
            fail(socket, event, ErrorCode.VALIDATION_ERROR, e.getMessage(), new JsonObject(new LinkedHashMap<>(e.details())));
        } else if (failure instanceof RoomLimitException e) {
            // Not RATE_LIMIT: trying again will not help. The socket asks for one room more than it may be in.
            fail(socket, event, ErrorCode.VALIDATION_ERROR, "too many rooms", new JsonObject().put("rooms",
                    "a socket may be in at most " + e.limit() + " rooms, its own included"));
        } else if (failure instanceof OrderException e) {
            fail(socket, event, ErrorCode.valueOf(e.code()), e.getMessage(), null);
        } else if (failure instanceof AuthException e) {
            fail(socket, event, ErrorCode.valueOf(e.code()), e.getMessage(), null);
        } else {
            log.error("event {} of socket {} failed", event.name(), socket.id(), failure);
            fail(socket, event, ErrorCode.INTERNAL, "internal error", null);
        }
    }
}
