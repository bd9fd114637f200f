package com.restaurantos.engineio;

import io.vertx.core.Context;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes the queued packets of many sessions in one task on their event loop.
 *
 * <p>A broadcast from another thread reaches hundreds of sessions at once. A task and a selector
 * wake-up per session would cost more than the writes themselves; here the first session that
 * needs a flush schedules one task for its loop, and the sessions that follow only join its list.
 */
final class LoopFlusher {
    private final Context context;
    private final Queue<EngineSession> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    LoopFlusher(Context context) {
        this.context = context;
    }

    /** Flushes the session on this loop soon, with every other session scheduled meanwhile. Any thread. */
    void schedule(EngineSession session) {
        pending.add(session);
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> flushAll());
        }
    }

    private void flushAll() {
        // Cleared before draining: a session added after the drain's last poll schedules a new task.
        scheduled.set(false);
        for (EngineSession session = pending.poll(); session != null; session = pending.poll()) {
            session.flushFromLoop();
        }
    }
}
