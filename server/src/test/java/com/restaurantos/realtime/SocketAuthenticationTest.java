package com.restaurantos.realtime;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.TokenMinter;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Who gets in (contract section 2): the token from the auth payload, the {@code Authorization} header or the
 * {@code token} query; {@code connect_error AUTH_FAILED} otherwise; {@code connection:status} after connect; a
 * socket lives no longer than its token; a returning socket shows its token again.
 */
class SocketAuthenticationTest extends RealtimeServerTest {
    private final UUID restaurant = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    private String token() {
        return server.token("kitchen", restaurant);
    }

    // ---- where the token comes from ------------------------------------------------------

    @Test
    void admitsATokenFromTheAuthPayloadAndAnnouncesConnectionStatus() {
        TestClient client = server.connect(token());

        JsonObject status = client.first("connection:status").object();

        assertThat(status.fieldNames()).containsExactlyInAnyOrder("state", "recovered", "serverTime");
        assertThat(status.getString("state")).isEqualTo("connected");
        assertThat(status.getValue("recovered")).isEqualTo(false);
        assertThat(Instant.parse(status.getString("serverTime"))).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        assertThat(client.names().get(0)).as("the first event").isEqualTo("connection:status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER  "})
    void admitsATokenFromTheAuthorizationHeader(String scheme) {
        TestClient client = server.track(TestClient.connect(server.url(), TestClient.options()
                .header("Authorization", scheme + token())));

        assertThat(client.first("connection:status").object().getString("state")).isEqualTo("connected");
        assertActsFor(client, restaurant);
    }

    @Test
    void admitsATokenFromTheAuthorizationHeaderOverPolling() {
        TestClient client = server.track(TestClient.connect(server.url(), TestClient.options().polling()
                .header("Authorization", "Bearer " + token())));

        assertActsFor(client, restaurant);
    }

    @Test
    void admitsATokenFromTheQuery() {
        TestClient client = server.track(TestClient.connect(server.url(), TestClient.options()
                .query("token=" + token())));

        assertActsFor(client, restaurant);
    }

    @Test
    void theAuthPayloadComesBeforeTheHeaderAndTheQuery() {
        String theirs = server.token("kitchen", other);
        TestClient client = server.track(TestClient.connect(server.url(), TestClient.options().auth(token())
                .header("Authorization", "Bearer " + theirs).query("token=" + theirs)));

        assertActsFor(client, restaurant);
        JsonObject refusal = TestClient.refused(server.url(), TestClient.options().auth("not.a.jwt")
                .header("Authorization", "Bearer " + token()));
        assertRefusal(refusal, "malformed token");
    }

    @Test
    void theHeaderComesBeforeTheQuery() {
        TestClient client = server.track(TestClient.connect(server.url(), TestClient.options()
                .header("Authorization", "Bearer " + token()).query("token=" + server.token("kitchen", other))));

        assertActsFor(client, restaurant);
    }

    // ---- refusals ------------------------------------------------------------------------

    @Test
    void refusesAConnectionWithoutATokenWithAuthFailed() {
        assertRefusal(TestClient.refused(server.url(), TestClient.options()), "no token");
    }

    @Test
    void refusesAnAuthorizationHeaderThatIsNotBearer() {
        assertRefusal(TestClient.refused(server.url(), TestClient.options()
                .header("Authorization", "Basic " + token())), "no token");
    }

    @Test
    void refusesAnExpiredTokenWithAuthFailed() {
        TestClient.Options options = TestClient.options().auth(new TokenMinter(RealtimeServer.AUTH,
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-2))).mint("late", "kitchen", restaurant,
                List.of(), List.of(), Duration.ofHours(1)));

        assertRefusal(TestClient.refused(server.url(), options), "token expired");
    }

    @Test
    void refusesATokenSignedWithAnotherSecretWithAuthFailed() {
        String forged = new TokenMinter(AuthSettings.of(new KeySource.Secret("another-secret-that-is-long-enough-too")),
                Clock.systemUTC()).mint("mallory", "owner", restaurant, List.of(), List.of(), Duration.ofHours(1));

        assertRefusal(TestClient.refused(server.url(), TestClient.options().auth(forged)), "bad signature");
        assertRefusal(TestClient.refused(server.url(), TestClient.options().query("token=" + forged)),
                "bad signature");
    }

    @Test
    void refusesAnUnsignedTokenWithAuthFailed() {
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().subject("mallory").claim("role", "owner")
                .claim("restaurant_id", restaurant.toString())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build()).serialize();

        assertRefusal(TestClient.refused(server.url(), TestClient.options().auth(unsigned)),
                "unsigned tokens (alg none) are not accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not.a.jwt", "garbage", "a.b"})
    void refusesAMalformedTokenWithAuthFailed(String token) {
        assertRefusal(TestClient.refused(server.url(), TestClient.options().auth(token)), "malformed token");
    }

    // ---- the token's lifetime ------------------------------------------------------------

    @Test
    void aSocketIsToldAuthFailedAndDisconnectedWhenItsTokenExpires() throws Exception {
        String shortLived = server.token("kitchen-1", "kitchen", restaurant, Duration.ofSeconds(2));
        Instant expiry = SignedJWT.parse(shortLived).getJWTClaimsSet().getExpirationTime().toInstant();
        TestClient expiring = server.connect(shortLived);
        TestClient lasting = server.connect(token());
        Acks.data(expiring.ack("join:restaurant", restaurant.toString()));

        String reason = expiring.awaitDisconnect();

        assertThat(Instant.now()).as("disconnected at expiry, not before").isAfterOrEqualTo(expiry.minusMillis(10));
        assertThat(reason).isEqualTo("io server disconnect");
        TestClient.Received last = expiring.received().get(expiring.received().size() - 1);
        assertThat(last.name()).isEqualTo("error");
        assertThat(Acks.error(last.object(), "AUTH_FAILED").getString("message")).isEqualTo("token expired");
        assertThat(lasting.connected()).isTrue();
        Acks.data(lasting.ack("join:restaurant", restaurant.toString()));
    }

    // ---- a returning socket --------------------------------------------------------------

    @Test
    void aSocketThatComesBackWithAValidTokenRecoversItsRoomsAndWhatItMissed() throws Exception {
        Session left = joinAndDrop(new JsonObject().put("token", token()));
        String missed = server.order(restaurant, "1").id().toString();

        try (RawClient back = RawClient.connect(server.port(), new JsonObject().put("token", token())
                .put("pid", left.pid()).put("offset", left.offset()))) {
            assertThat(back.first("order:created").getString("id")).isEqualTo(missed);
            assertThat(back.first("connection:status").getValue("recovered")).isEqualTo(true);
            String live = server.order(restaurant, "2").id().toString();
            TestClient.awaiting().until(() -> back.events().stream()
                    .anyMatch(e -> e.getString(0).equals("order:created")
                            && e.getJsonObject(1).getString("id").equals(live)));
        }
    }

    @Test
    void aRestaurantsOnlyBatchedScreenThatComesBackGetsTheBatchesOfItsAbsence() throws Exception {
        Session left = joinAndDrop(new JsonObject().put("token", token()).put("batch", true));
        String missed = server.order(restaurant, "1").id().toString();

        try (RawClient back = RawClient.connect(server.port(), new JsonObject().put("token", token())
                .put("batch", true).put("pid", left.pid()).put("offset", left.offset()))) {
            TestClient.awaiting().until(() -> back.events().stream()
                    .anyMatch(e -> e.getString(0).equals("orders:batch_update")
                            && e.getJsonArray(1).stream().map(JsonObject.class::cast)
                            .anyMatch(item -> item.getString("event").equals("order:created")
                                    && item.getJsonObject("data").getString("id").equals(missed))));
            assertThat(back.first("connection:status").getValue("recovered")).isEqualTo(true);
        }
    }

    @Test
    void aSocketThatComesBackWithAnExpiredTokenIsRefused() throws Exception {
        Session left = joinAndDrop(new JsonObject().put("token", token()));
        server.order(restaurant, "1");
        String expired = new TokenMinter(RealtimeServer.AUTH, Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)))
                .mint("kitchen-1", "kitchen", restaurant, List.of(), List.of(), Duration.ofHours(1));

        try (RawClient back = RawClient.connect(server.port(), new JsonObject().put("token", expired)
                .put("pid", left.pid()).put("offset", left.offset()))) {
            assertThat(back.connectReply()).isEmpty();
            assertThat(back.eventNames()).isEmpty();
        }
    }

    @Test
    void aSocketThatComesBackWithATokenNoLongerNamingItsRestaurantIsRefusedAndGetsNothingOfIt() throws Exception {
        Session left = joinAndDrop(new JsonObject().put("token", token()));
        server.order(restaurant, "1");

        try (RawClient back = RawClient.connect(server.port(), new JsonObject()
                .put("token", server.token("kitchen", other)).put("pid", left.pid()).put("offset", left.offset()))) {
            assertThat(back.connectReply()).as("CONNECT reply").isEmpty();
            server.order(restaurant, "2");
            try (RawClient witness = RawClient.connect(server.port(), new JsonObject().put("token", token()))) {
                witness.ack(1, "join:restaurant", restaurant.toString());
                server.order(restaurant, "3");
                witness.first("order:created");
            }
            assertThat(back.eventNames()).doesNotContain("order:created");
        }
    }

    // ---- helpers -------------------------------------------------------------------------

    /** A socket that acts for this restaurant when it names none: its token's only one. */
    private void assertActsFor(TestClient client, UUID expected) {
        assertThat(Acks.data(client.ack("orders:sync")).getString("restaurantId")).isEqualTo(expected.toString());
    }

    private static void assertRefusal(JsonObject refusal, String why) {
        assertThat(refusal).isEqualTo(new JsonObject().put("message", "AUTH_FAILED")
                .put("data", new JsonObject().put("code", "AUTH_FAILED").put("message", why)));
    }

    /** Waits until the server noticed the lost connection, so that the next one resumes a persisted session. */
    /** What a client that dropped keeps to come back with: its session's pid and the last offset it saw. */
    private record Session(String pid, String offset) {
    }

    /** Connects with the auth payload, joins the restaurant, then loses the connection without a goodbye. */
    private Session joinAndDrop(JsonObject auth) throws Exception {
        RawClient first = RawClient.connect(server.port(), auth);
        first.ack(1, "join:restaurant", restaurant.toString());
        Session left = new Session(first.connectReply().orElseThrow().getString("pid"), first.lastOffset());
        first.drop();
        awaitGone(first);
        return left;
    }

    private static void awaitGone(RawClient client) {
        TestClient.awaiting().until(() -> server.io.sockets().sockets().stream().noneMatch(
                s -> s.id().equals(client.connectReply().orElseThrow().getString("sid"))));
    }
}
