package com.restaurantos.testing;

import java.net.http.HttpHeaders;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A blocking HTTP/1.1 client for the long-polling transport, with a timeout on every call. */
public final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TestServer.TIMEOUT)
            .build();

    /** A response: status, body and headers. */
    public record Response(int status, String body, HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TestServer.TIMEOUT);
    }

    public Response get(String url) {
        return send(request(url).GET().build());
    }

    public Response post(String url, String body) {
        return send(request(url).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Response send(HttpRequest request) {
        try {
            return sendAsync(request).get(TestServer.TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        }
    }

    public CompletableFuture<Response> getAsync(String url) {
        return sendAsync(request(url).GET().build());
    }

    public CompletableFuture<Response> postAsync(String url, String body) {
        return sendAsync(request(url).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public CompletableFuture<Response> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Response(r.statusCode(), r.body(), r.headers()));
    }

    /**
     * A GET over a connection of its own from this local address (any of 127/8 reaches the loopback on Linux), for
     * what the server does by client address; the connection is closed after the answer.
     */
    public static Response getFrom(String localAddress, String url) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.setSoTimeout((int) TestServer.TIMEOUT.toMillis());
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) TestServer.TIMEOUT.toMillis());
            socket.getOutputStream().write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = answer.indexOf("\r\n\r\n");
            String[] head = answer.substring(0, headersEnd).split("\r\n");
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim(), List.of(head[i].substring(colon + 1).trim()));
            }
            return new Response(Integer.parseInt(head[0].split(" ")[1]), answer.substring(headersEnd + 4),
                    HttpHeaders.of(headers, (name, value) -> true));
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " from " + localAddress + " failed: " + e, e);
        }
    }

    /** Opens a polling session and returns its sid. */
    public String handshake(TestServer server) {
        Response response = get(server.url("EIO=4&transport=polling"));
        if (response.status() != 200 || !response.body().startsWith("0{")) {
            throw new AssertionError("handshake failed: " + response.status() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body().substring(1)).get("sid").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
