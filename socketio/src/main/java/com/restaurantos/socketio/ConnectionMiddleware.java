package com.restaurantos.socketio;

/**
 * Runs before a socket joins its namespace (Socket.IO's {@code io.use}); the socket's handshake
 * and CONNECT auth payload are there to read. Each middleware must end by calling exactly one
 * of {@link Next#proceed()} or {@link Next#reject(ConnectError)}, from any thread; throwing a
 * {@link ConnectError} rejects too. Until every middleware has proceeded, no handler runs.
 */
@FunctionalInterface
public interface ConnectionMiddleware {
    void handle(Socket socket, Next next);

    interface Next {
        void proceed();

        void reject(ConnectError error);
    }
}
