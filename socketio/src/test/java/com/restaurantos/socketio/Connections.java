package com.restaurantos.socketio;

import com.restaurantos.engineio.EngineOptions;
import com.restaurantos.testing.TestServer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A namespace connection handler for tests: keeps every socket that joined, in order and by id. */
final class Connections implements Consumer<Socket> {
    private final BlockingQueue<Socket> joined = new LinkedBlockingQueue<>();
    private final Map<String, Socket> byId = new ConcurrentHashMap<>();
    private final Consumer<Socket> setup;

    Connections() {
        this(s -> { });
    }

    /** @param setup runs first for each socket, e.g. to register its event handlers */
    Connections(Consumer<Socket> setup) {
        this.setup = setup;
    }

    /** Socket.IO options for tests: no pings during a test, no recovery, short linger after close. */
    static SocketIoOptions options() {
        return SocketIoOptions.defaults()
                .withEngine(EngineOptions.defaults().withPath("/socket.io/")
                        .withHeartbeat(Duration.ofSeconds(25), Duration.ofMillis(300)))
                .withRecovery(null);
    }

    @Override
    public void accept(Socket socket) {
        setup.accept(socket);
        byId.put(socket.id(), socket);
        joined.add(socket);
    }

    /** The next socket that joined. */
    Socket next() {
        try {
            Socket socket = joined.poll(TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (socket == null) {
                throw new AssertionError("no socket joined in time");
            }
            return socket;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Socket byId(String id) {
        Socket socket = byId.get(id);
        if (socket == null) {
            throw new AssertionError("no socket " + id);
        }
        return socket;
    }

    int count() {
        return byId.size();
    }
}
