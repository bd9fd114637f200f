package com.restaurantos.realtime;

import com.restaurantos.socketio.Event;
import com.restaurantos.socketio.EventMiddleware;
import com.restaurantos.socketio.Socket;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * At most {@code limit} events of one name per socket in any second (a sliding window); the
 * excess is refused with {@code RATE_LIMIT} and not processed. One instance per socket, used
 * on that socket's event loop only, so it needs no locking and goes away with the socket.
 *
 * <p>Memory stays bounded whatever a client sends: each name keeps {@code limit} timestamps,
 * and past {@link #MAX_TRACKED_NAMES} distinct names the rest share one window.
 */
final class EventRateLimiter implements EventMiddleware {
    static final int MAX_TRACKED_NAMES = 32;
    private static final String OTHER_NAMES = "";
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final int limit;
    private final LongSupplier nanoClock;
    private final Replies replies;
    private final Map<String, Window> windows = new HashMap<>();

    /** The times of the last {@code limit} admitted events of one name, in a ring. */
    private static final class Window {
        final long[] times;
        int next;
        int filled;

        Window(int limit) {
            times = new long[limit];
        }
    }

    EventRateLimiter(int limit, LongSupplier nanoClock, Replies replies) {
        if (limit < 1) {
            throw new IllegalArgumentException("rate limit must be at least 1");
        }
        this.limit = limit;
        this.nanoClock = nanoClock;
        this.replies = replies;
    }

    @Override
    public void handle(Socket socket, Event event, Runnable next) {
        if (admit(event.name())) {
            next.run();
        } else {
            replies.fail(socket, event, ErrorCode.RATE_LIMIT,
                    "more than " + limit + " '" + event.name() + "' events in one second", null);
        }
    }

    /** Records the event if its name is under the limit; returns whether it was. */
    boolean admit(String name) {
        String key = windows.containsKey(name) || windows.size() < MAX_TRACKED_NAMES ? name : OTHER_NAMES;
        Window window = windows.computeIfAbsent(key, k -> new Window(limit));
        long now = nanoClock.getAsLong();
        // When the ring is full, its next slot holds the oldest of the last `limit` events.
        if (window.filled == limit && now - window.times[window.next] < WINDOW_NANOS) {
            return false;
        }
        window.times[window.next] = now;
        window.next = (window.next + 1) % limit;
        window.filled = Math.min(window.filled + 1, limit);
        return true;
    }
}
