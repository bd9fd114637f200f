package com.restaurantos.engineio;

import com.restaurantos.testing.TestServer;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The connection handler of the engine tests: keeps every session, what it received and why it closed. */
final class SessionRecorder implements Consumer<EngineSession> {
    private final Map<String, Recorded> bySid = new ConcurrentHashMap<>();
    private final boolean echo;

    private SessionRecorder(boolean echo) {
        this.echo = echo;
    }

    /** Records only. */
    static SessionRecorder recording() {
        return new SessionRecorder(false);
    }

    /** Records and sends every message back, as the reference test server does. */
    static SessionRecorder echoing() {
        return new SessionRecorder(true);
    }

    /** One session and what happened to it. */
    static final class Recorded implements EngineSession.Listener {
        final EngineSession session;
        final BlockingQueue<EnginePacket> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closeReason = new CompletableFuture<>();
        private final boolean echo;

        Recorded(EngineSession session, boolean echo) {
            this.session = session;
            this.echo = echo;
        }

        @Override
        public void onMessage(EnginePacket packet) {
            messages.add(packet);
            if (echo) {
                session.send(packet);
            }
        }

        @Override
        public void onClose(String reason) {
            closeReason.complete(reason);
        }

        EnginePacket nextMessage() {
            try {
                EnginePacket p = messages.poll(TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (p == null) {
                    throw new AssertionError("the session received no message in time");
                }
                return p;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        String awaitClose() {
            try {
                return closeReason.get(TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new AssertionError("the session did not close in time", e);
            }
        }
    }

    @Override
    public void accept(EngineSession session) {
        Recorded recorded = new Recorded(session, echo);
        session.listener(recorded);
        bySid.put(session.id(), recorded);
    }

    Recorded get(String sid) {
        Recorded r = bySid.get(sid);
        if (r == null) {
            throw new AssertionError("no session " + sid);
        }
        return r;
    }

    EngineSession session(String sid) {
        return get(sid).session;
    }

    int count() {
        return bySid.size();
    }
}
