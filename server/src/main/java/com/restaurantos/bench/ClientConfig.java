package com.restaurantos.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What every connection of a run shares: the upgrade request (the same bytes for all), and per
 * restaurant the CONNECT packet with its token and the {@code join:restaurant} packet.
 */
final class ClientConfig {
    /** A fixed key: the server only echoes it, and a load generator need not prove anything. */
    static final String WEBSOCKET_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    /** What browsers offer (Chrome, Firefox): the server may compress, with or without context takeover. */
    static final String BROWSER_DEFLATE_OFFER = "permessage-deflate; client_max_window_bits";

    private final String host;
    private final int port;
    private final byte[] upgradeRequest;
    private final List<String> restaurantIds;
    private final List<String> tokens;
    private final Greeting[] greetings;
    private final int setupTimeoutMillis;

    ClientConfig(URI url, boolean deflate, List<String> restaurantIds, List<String> tokens, int setupTimeoutMillis) {
        if (restaurantIds.size() != tokens.size()) {
            throw new IllegalArgumentException("one token per restaurant");
        }
        this.host = url.getHost();
        this.port = url.getPort() > 0 ? url.getPort() : 80;
        this.upgradeRequest = upgradeRequest(host + ":" + port, basePath(url), deflate);
        this.restaurantIds = List.copyOf(restaurantIds);
        this.tokens = List.copyOf(tokens);
        this.greetings = new Greeting[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            greetings[i] = new Greeting(Wire.connect(tokens.get(i)), Wire.joinRestaurant(restaurantIds.get(i)));
        }
        this.setupTimeoutMillis = setupTimeoutMillis;
    }

    static String basePath(URI url) {
        String path = url.getPath() == null || url.getPath().isEmpty() || url.getPath().equals("/") ? "/socket.io/"
                : url.getPath();
        return path.endsWith("/") ? path : path + "/";
    }

    static byte[] upgradeRequest(String hostAndPort, String path, boolean deflate) {
        String request = "GET " + path + "?EIO=4&transport=websocket HTTP/1.1\r\n"
                + "Host: " + hostAndPort + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + WEBSOCKET_KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (deflate ? "Sec-WebSocket-Extensions: " + BROWSER_DEFLATE_OFFER + "\r\n" : "")
                + "\r\n";
        return request.getBytes(StandardCharsets.US_ASCII);
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    byte[] upgradeRequest() {
        return upgradeRequest;
    }

    int restaurants() {
        return restaurantIds.size();
    }

    String restaurantId(int restaurant) {
        return restaurantIds.get(restaurant);
    }

    String token(int restaurant) {
        return tokens.get(restaurant);
    }

    /** A kitchen display's greeting: CONNECT with the restaurant's token, then {@code join:restaurant}. */
    Greeting greeting(int restaurant) {
        return greetings[restaurant];
    }

    int setupTimeoutMillis() {
        return setupTimeoutMillis;
    }
}
