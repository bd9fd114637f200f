package com.restaurantos.engineio;

import com.restaurantos.testing.Http;
import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import com.restaurantos.testing.WsClient;
import io.vertx.core.http.UpgradeRejectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Cross-origin rules: preflight, headers a browser needs to read responses, refused origins. */
class CorsTest {
    private static final String POS = "https://pos.example";
    private static final String EVIL = "https://evil.example";

    private final Http http = new Http();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.engine(EngineOptions.defaults()
                .withHeartbeat(Duration.ofSeconds(25), Duration.ofMillis(300))
                .withAllowedOrigins(List.of(POS)), SessionRecorder.echoing());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Http.Response fromOrigin(String method, String url, String origin, String body) {
        HttpRequest.Builder request = Http.request(url).header("Origin", origin);
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void answersAPreflightFromAnAllowedOrigin() {
        Http.Response response = http.send(Http.request(server.url("EIO=4&transport=polling"))
                .header("Origin", POS)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("access-control-allow-origin")).isEqualTo(POS);
        assertThat(response.header("access-control-allow-credentials")).isEqualTo("true");
        assertThat(response.header("access-control-allow-methods")).contains("GET", "POST");
        assertThat(response.header("access-control-allow-headers")).isEqualTo("content-type");
        assertThat(response.header("vary")).isEqualToIgnoringCase("origin");
    }

    @Test
    void refusesAPreflightFromAnotherOrigin() {
        Http.Response response = fromOrigin("OPTIONS", server.url("EIO=4&transport=polling"), EVIL, null);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("access-control-allow-origin")).isNull();
    }

    @Test
    void letsAnAllowedOriginReadEveryPollingResponse() {
        Http.Response handshake = fromOrigin("GET", server.url("EIO=4&transport=polling"), POS, null);
        String sid = SioClient.json(handshake.body().substring(1)).get("sid").asText();
        String url = server.url("EIO=4&transport=polling&sid=" + sid);

        Http.Response post = fromOrigin("POST", url, POS, "4hello");
        Http.Response get = fromOrigin("GET", url, POS, null);

        assertThat(List.of(handshake, post, get)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("access-control-allow-origin")).isEqualTo(POS);
            assertThat(r.header("access-control-allow-credentials")).isEqualTo("true");
        });
        assertThat(get.body()).isEqualTo("4hello");
    }

    @Test
    void letsAnAllowedOriginReadErrors() {
        Http.Response response = fromOrigin("GET", server.url("EIO=4&transport=polling&sid=nope"), POS, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("access-control-allow-origin")).isEqualTo(POS);
    }

    @Test
    void refusesAHandshakeFromAnotherOrigin() {
        Http.Response response = fromOrigin("GET", server.url("EIO=4&transport=polling"), EVIL, null);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
        assertThat(response.header("access-control-allow-origin")).isNull();
        assertThat(server.engine().sessions()).isEmpty();
    }

    @Test
    void servesRequestsWithoutAnOriginWithoutCorsHeaders() {
        Http.Response response = http.get(server.url("EIO=4&transport=polling"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("access-control-allow-origin")).isNull();
    }

    @Test
    void acceptsAWebSocketFromAnAllowedOriginOrWithoutOne() {
        try (WsClient allowed = WsClient.connect(server, "EIO=4&transport=websocket", POS)) {
            assertThat(allowed.nextText()).startsWith("0{");
        }

        Throwable failure = TestServer.await(WsClient.attempt(server, "EIO=4&transport=websocket")
                .map(c -> (Throwable) null).otherwise(e -> e));
        assertThat(failure).as("no Origin is allowed").isNull();
    }

    @Test
    void refusesAWebSocketUpgradeFromAForbiddenOrigin() {
        Throwable failure = TestServer.await(WsClient.attempt(server, "EIO=4&transport=websocket", EVIL)
                .map(c -> (Throwable) null).otherwise(e -> e));

        assertThat(failure).isInstanceOf(UpgradeRejectedException.class);
        assertThat(((UpgradeRejectedException) failure).getStatus()).isEqualTo(403);
    }

    @Test
    void echoesAnyOriginWhenEveryOriginIsAllowed() {
        try (TestServer open = TestServer.engine(EngineOptions.defaults()
                .withHeartbeat(Duration.ofSeconds(25), Duration.ofMillis(300)), SessionRecorder.recording())) {
            Http.Response response = fromOrigin("GET", open.url("EIO=4&transport=polling"), EVIL, null);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("access-control-allow-origin")).isEqualTo(EVIL);
        }
    }
}
