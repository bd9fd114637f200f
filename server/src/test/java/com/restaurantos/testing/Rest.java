package com.restaurantos.testing;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The REST API of one server as a client with one token sees it: blocking calls with a timeout. */
public final class Rest {
    /** A response: its status and its body (JSON when it is JSON, else the text under {@code text}). */
    public record Response(int status, JsonObject body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final String token;

    /** @param base {@code http://host:port} */
    public Rest(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public String base() {
        return base;
    }

    /** Calls {@code /api/v1<path>}; an IOException means the server did not answer (refused, reset, closed). */
    public Response call(String method, String path, JsonObject body) throws IOException {
        return call(method, path, body, Map.of());
    }

    /** As {@link #call(String, String, JsonObject)}, with more request headers (e.g. {@code X-Restaurant-ID}). */
    public Response call(String method, String path, JsonObject body, Map<String, String> headers)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1" + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonObject json;
            try {
                json = text.isEmpty() ? new JsonObject() : new JsonObject(text);
            } catch (RuntimeException e) {
                json = new JsonObject().put("text", text);
            }
            return new Response(response.statusCode(), json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** As {@link #call}, failing the test unless the answer is 2xx. */
    public JsonObject ok(String method, String path, JsonObject body) {
        try {
            Response response = call(method, path, body);
            if (!response.ok()) {
                throw new AssertionError(method + " " + path + ": " + response.status() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }
}
