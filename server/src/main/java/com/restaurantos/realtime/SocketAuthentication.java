package com.restaurantos.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.restaurantos.auth.AuthenticationException;
import com.restaurantos.auth.Principal;
import com.restaurantos.auth.TokenVerifier;
import com.restaurantos.socketio.ConnectError;
import com.restaurantos.socketio.ConnectionMiddleware;
import com.restaurantos.socketio.Socket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Admits a socket only with a valid token (contract section 2): from the CONNECT auth payload
 * ({@code auth: { token }}), else an {@code Authorization: Bearer} header of the handshake, else a
 * {@code token} query parameter. A refusal is a {@code connect_error} with the message
 * {@code AUTH_FAILED} and {@code data: {code, message}}; no handler ever runs for that socket.
 * A socket that resumes a session (connection state recovery) must show a token that still reaches
 * the restaurant it had joined, or it is refused too.
 * A token past its {@code exp} is refused even within the verifier's clock skew: the socket would be
 * disconnected at once (see {@code RealtimeGateway#disconnectAtExpiry}), and its client would retry forever.
 */
final class SocketAuthentication implements ConnectionMiddleware {
    private static final Logger log = LoggerFactory.getLogger(SocketAuthentication.class);
    private static final String CODE = "AUTH_FAILED";
    private static final String BEARER = "bearer ";

    private final TokenVerifier verifier;
    private final Vertx vertx;
    private final Clock clock;

    SocketAuthentication(TokenVerifier verifier, Vertx vertx, Clock clock) {
        this.verifier = verifier;
        this.vertx = vertx;
        this.clock = clock;
    }

    @Override
    public void handle(Socket socket, Next next) {
        String token = tokenOf(socket);
        verify(token).onComplete(ar -> {
            if (ar.succeeded() && expired(ar.result())) {
                next.reject(refusal("token expired"));
            } else if (ar.succeeded()) {
                SocketSession session = SocketSession.of(socket);
                UUID resumed = session.restaurant();
                if (socket.recovered() && resumed != null && !ar.result().canAccess(resumed)) {
                    // Recovery would give back that restaurant's rooms and the events it missed there.
                    next.reject(refusal("this token does not grant restaurant " + resumed
                            + " of the session it resumes"));
                    return;
                }
                session.principal(ar.result());
                if (socket.auth().path("batch").asBoolean(false)) {
                    session.batched(true);
                }
                next.proceed();
            } else if (ar.cause() instanceof AuthenticationException e) {
                next.reject(refusal(e.getMessage()));
            } else {
                log.error("token verification failed", ar.cause());
                next.reject(refusal("token could not be verified"));
            }
        });
    }

    /**
     * Fetching a JWKS over HTTP must never happen on the event loop; checking a signature with a key at hand
     * is only computation, cheaper here than a hop to a worker and back.
     */
    private Future<Principal> verify(String token) {
        if (verifier.mayBlock()) {
            return vertx.executeBlocking(() -> verifier.verify(token), false);
        }
        try {
            return Future.succeededFuture(verifier.verify(token));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private boolean expired(Principal principal) {
        return principal.expiresAt() != null && !clock.instant().isBefore(principal.expiresAt());
    }

    static ConnectError refusal(String why) {
        return new ConnectError(CODE, Map.of("code", CODE, "message", why));
    }

    private static String tokenOf(Socket socket) {
        JsonNode fromAuth = socket.auth().path("token");
        if (fromAuth.isTextual()) {
            return fromAuth.asText();
        }
        String header = socket.handshake().headers().get("authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return header.substring(BEARER.length()).strip();
        }
        return socket.handshake().query().get("token");
    }
}
