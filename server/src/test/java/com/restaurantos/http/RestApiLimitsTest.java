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
            String otherUser = server.token("manager", UUID.randomUUID());

            assertThat(responses).filteredOn(r -> r.status() == 429).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("RATE_LIMIT"));
            assertThat(responses).filteredOn(r -> r.status() == 200).hasSizeLessThanOrEqualTo(6);
            assertThat(server.send("GET", "/api/v1/orders", otherUser.replace("x", "x"), (String) null).status())
                    .isIn(200, 429);
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
