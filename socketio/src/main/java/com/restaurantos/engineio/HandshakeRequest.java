package com.restaurantos.engineio;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the server knew of the client when its session was opened: the request that made the handshake. Copied,
 * so it stays valid after that request is gone.
 *
 * <p>A server holds one per connection for the connection's whole life, and reads it once or twice, when a socket
 * connects. So it is kept small: the headers as a flat array of names and values, the query as the request URI
 * it came in; the maps the layers above read are built when they ask.
 */
public final class HandshakeRequest {
    /**
     * Header names and values that nearly every handshake carries, each kept as one shared string instead of a
     * copy per connection. Names are matched whatever their case (Node's clients send them lower case, browsers
     * capitalised) and kept lower case, as Socket.IO reports them; values are matched exactly.
     */
    private static final Map<String, String> COMMON_NAMES = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private static final Map<String, String> COMMON_VALUES = new HashMap<>();

    static {
        for (String name : List.of("host", "connection", "upgrade", "origin", "user-agent", "accept",
                "accept-encoding", "accept-language", "cache-control", "pragma", "cookie", "authorization",
                "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol",
                "x-forwarded-for", "x-forwarded-proto", "x-restaurant-id")) {
            COMMON_NAMES.put(name, name);
        }
        for (String value : List.of("Upgrade", "upgrade", "keep-alive, Upgrade", "websocket", "13", "no-cache",
                "*/*", "gzip, deflate", "gzip, deflate, br", "gzip, deflate, br, zstd",
                "permessage-deflate; client_max_window_bits", "permessage-deflate")) {
            COMMON_VALUES.put(value, value);
        }
    }

    private final String[] headers;
    private final String url;
    private final String remoteAddress;
    private final String clientAddress;
    private final boolean secure;
    private final long issuedMillis;

    private HandshakeRequest(String[] headers, String url, String remoteAddress, String clientAddress,
                             boolean secure, long issuedMillis) {
        this.headers = headers;
        this.url = url;
        this.remoteAddress = remoteAddress;
        this.clientAddress = clientAddress;
        this.secure = secure;
        this.issuedMillis = issuedMillis;
    }

    /**
     * @param clientAddress the request's {@link #clientAddress(HttpServerRequest)}: the caller needed it first,
     *                      for the per-address limits
     */
    static HandshakeRequest of(HttpServerRequest request, String clientAddress) {
        MultiMap received = request.headers();
        String[] headers = new String[received.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> header : received) {
            headers[i++] = COMMON_NAMES.getOrDefault(header.getKey(), header.getKey());
            headers[i++] = COMMON_VALUES.getOrDefault(header.getValue(), header.getValue());
        }
        String remote = request.remoteAddress() == null ? "" : request.remoteAddress().toString();
        return new HandshakeRequest(headers, request.uri(), remote, clientAddress, request.isSSL(),
                System.currentTimeMillis());
    }

    /** The TCP peer's IP address (a proxy's, behind one: forwarded headers are not trusted). */
    static String clientAddress(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        if (peer == null) {
            return "";
        }
        return peer.hostAddress() != null ? peer.hostAddress() : String.valueOf(peer.path());
    }

    /** The request headers, case-insensitive; a new map on each call. */
    public MultiMap headers() {
        MultiMap map = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < headers.length; i += 2) {
            map.add(headers[i], headers[i + 1]);
        }
        return map;
    }

    /** The query parameters, decoded, with the first value of each; a new map on each call. */
    public Map<String, String> query() {
        Map<String, String> query = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> parameter : new QueryStringDecoder(url).parameters().entrySet()) {
            query.put(parameter.getKey(), parameter.getValue().get(0));
        }
        return Collections.unmodifiableMap(query);
    }

    /** The peer's address as {@code host:port}. */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** The peer's IP address alone: what the engine's per-address limits count by. */
    public String clientAddress() {
        return clientAddress;
    }

    /** Whether the connection used TLS. */
    public boolean secure() {
        return secure;
    }

    /** The request URI, path and query. */
    public String url() {
        return url;
    }

    /** When the handshake happened. */
    public Instant issued() {
        return Instant.ofEpochMilli(issuedMillis);
    }
}
