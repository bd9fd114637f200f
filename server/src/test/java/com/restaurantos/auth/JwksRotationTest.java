package com.restaurantos.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tokens verified against a JWKS served over HTTP (a local server on a free port) whose keys rotate. */
class JwksRotationTest {
    private static Vertx vertx;
    private static HttpServer server;
    private static final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet());
    private static final AtomicInteger fetches = new AtomicInteger();

    @BeforeAll
    static void serveJwks() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            fetches.incrementAndGet();
            request.response().putHeader("content-type", "application/json")
                    .end(published.get().toPublicJWKSet().toString());
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static URI url() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/.well-known/jwks.json");
    }

    @Test
    void acceptsTokensOfTheNewKeyAfterRotationAndRefusesTheRetiredKey() throws Exception {
        RSAKey oldKey = new RSAKeyGenerator(2048).keyID("2025-01").generate();
        RSAKey newKey = new RSAKeyGenerator(2048).keyID("2025-02").generate();
        published.set(new JWKSet(oldKey));
        TokenVerifier verifier = new TokenVerifier(AuthSettings.of(
                new KeySource.Jwks(url(), Duration.ofMinutes(5), Duration.ZERO)));

        assertThat(verifier.verify(Tokens.rs256(oldKey, Tokens.claims().build())).subject()).isEqualTo("user-1");

        published.set(new JWKSet(newKey));

        assertThat(verifier.verify(Tokens.rs256(newKey, Tokens.claims().build())).subject()).isEqualTo("user-1");
        assertThatThrownBy(() -> verifier.verify(Tokens.rs256(oldKey, Tokens.claims().build())))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void fetchesTheKeySetAgainAtMostOncePerIntervalHoweverManyUnknownKeyIdsArrive() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("current").generate();
        published.set(new JWKSet(key));
        TokenVerifier verifier = new TokenVerifier(AuthSettings.of(KeySource.Jwks.of(url())));
        verifier.verify(Tokens.rs256(key, Tokens.claims().build()));
        int before = fetches.get();

        RSAKey stranger = new RSAKeyGenerator(2048).generate();
        for (int i = 0; i < 20; i++) {
            String token = Tokens.sign(JWSAlgorithm.RS256, new RSASSASigner(stranger), "unknown-" + i,
                    Tokens.claims().build());
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class);
        }

        assertThat(fetches.get() - before).isLessThanOrEqualTo(1);
        assertThat(verifier.verify(Tokens.rs256(key, Tokens.claims().build())).subject()).isEqualTo("user-1");
    }

    @Test
    void rejectsTokensWhenTheKeySetCannotBeFetched() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TokenVerifier verifier = new TokenVerifier(AuthSettings.of(new KeySource.Jwks(
                URI.create("http://127.0.0.1:" + closedPort + "/jwks.json"), Duration.ofMinutes(5), Duration.ZERO)));

        assertThatThrownBy(() -> verifier.verify(Tokens.rs256(key, Tokens.claims().build())))
                .isInstanceOf(AuthenticationException.class);
    }
}
