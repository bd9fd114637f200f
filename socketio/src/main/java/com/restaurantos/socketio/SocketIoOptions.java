package com.restaurantos.socketio;

import com.restaurantos.engineio.EngineOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * Socket.IO server settings.
 *
 * @param engine         the Engine.IO settings (its path defaults to {@code /socket.io/})
 * @param connectTimeout how long a client may stay connected without joining any namespace
 * @param maxAttachments the most binary attachments one packet may announce
 * @param recovery       connection state recovery, or null to turn it off
 * @param maxRoomsPerSocket the most rooms a socket may be in, its own id's room included; a join past it throws
 *                       {@link RoomLimitException}. 0: no limit, as the reference server
 */
public record SocketIoOptions(EngineOptions engine, Duration connectTimeout, int maxAttachments, Recovery recovery,
                              int maxRoomsPerSocket) {

    /**
     * Connection state recovery (Socket.IO 4.6+): a client that comes back within
     * {@code maxDisconnectionDuration} keeps its id and rooms and receives what it missed.
     *
     * @param maxDisconnectionDuration how long a disconnected session, and each broadcast, is kept
     * @param skipMiddlewares          whether a recovered socket skips the connection middlewares
     * @param maxLoggedPackets         the most broadcasts kept for replay; older ones are dropped
     *                                 (a client that missed a dropped one gets a fresh session)
     */
    public record Recovery(Duration maxDisconnectionDuration, boolean skipMiddlewares, int maxLoggedPackets) {
        public static Recovery defaults() {
            return new Recovery(Duration.ofMinutes(2), true, 100_000);
        }
    }

    public SocketIoOptions {
        Objects.requireNonNull(engine);
        Objects.requireNonNull(connectTimeout);
        if (maxAttachments < 0) {
            throw new IllegalArgumentException("maxAttachments must not be negative");
        }
        if (maxRoomsPerSocket < 0) {
            throw new IllegalArgumentException("maxRoomsPerSocket must not be negative (0 means no limit)");
        }
    }

    public static SocketIoOptions defaults() {
        return new SocketIoOptions(EngineOptions.defaults().withPath("/socket.io/"), Duration.ofSeconds(45), 10,
                Recovery.defaults(), 0);
    }

    public SocketIoOptions withEngine(EngineOptions e) {
        return new SocketIoOptions(e, connectTimeout, maxAttachments, recovery, maxRoomsPerSocket);
    }

    public SocketIoOptions withConnectTimeout(Duration timeout) {
        return new SocketIoOptions(engine, timeout, maxAttachments, recovery, maxRoomsPerSocket);
    }

    public SocketIoOptions withRecovery(Recovery r) {
        return new SocketIoOptions(engine, connectTimeout, maxAttachments, r, maxRoomsPerSocket);
    }

    public SocketIoOptions withMaxAttachments(int max) {
        return new SocketIoOptions(engine, connectTimeout, max, recovery, maxRoomsPerSocket);
    }

    public SocketIoOptions withMaxRoomsPerSocket(int max) {
        return new SocketIoOptions(engine, connectTimeout, maxAttachments, recovery, max);
    }
}
