package com.restaurantos.http;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What needs a server of its own: the rate limit, and readiness with the database gone. */
class RestApiLimitsTest {

    @Test
    void answers429RateLimitPastTheRequestsAllowedPerSecond() throws Exception {
        try (TestServer server = new TestServer(ApiSettings.defaults().withRateLimit(2))) {
            String token = server.token("manager", UUID.randomUUID());
            List<Response> responses = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                responses.add(server.send("GET", "/api/v1/orders", token, (String) null));
            }
            Response otherRestaurant = server.send("GET", "/api/v1/orders", server.token("manager", UUID.randomUUID()),
                    (String) null);
            Response otherUser = server.send("GET", "/api/v1/orders", server.token("someone", "manager",
                    UUID.randomUUID()), (String) null);

            assertThat(responses).filteredOn(r -> r.status() == 429).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("RATE_LIMIT"));
            assertThat(responses).filteredOn(r -> r.status() == 200).hasSizeLessThanOrEqualTo(6);
            assertThat(otherRestaurant.status()).as("a bucket per restaurant").isEqualTo(200);
            assertThat(otherUser.status()).as("a bucket per user").isEqualTo(200);
        }
    }

    @Test
    void isNotReadyWhenTheDatabaseIsUnreachable() throws Exception {
        try (TestServer server = new TestServer(ApiSettings.defaults(), () -> false)) {
            Response ready = server.send("GET", "/health/ready", null, (String) null);
            Response live = server.send("GET", "/health/live", null, (String) null);

            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json()).isEqualTo(new JsonObject().put("status", "DOWN").put("database", "DOWN"));
            assertThat(live.status()).isEqualTo(200);
        }
    }
}
