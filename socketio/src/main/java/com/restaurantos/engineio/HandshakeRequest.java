package com.restaurantos.engineio;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server knew of the client when its session was opened: the request that made the handshake. Copied,
 * so it stays valid after that request is gone.
 *
 * <p>A server holds one per connection for the connection's whole life, and reads it once or twice, when a socket
 * connects. So it is kept small: the headers as a flat array of names and values, the query as the request URI
 * it came in; the maps the layers above read are built when they ask.
 */
public final class HandshakeRequest {
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

    static HandshakeRequest of(HttpServerRequest request) {
        MultiMap received = request.headers();
        String[] headers = new String[received.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> header : received) {
            headers[i++] = header.getKey();
            headers[i++] = header.getValue();
        }
        String remote = request.remoteAddress() == null ? "" : request.remoteAddress().toString();
        return new HandshakeRequest(headers, request.uri(), remote, clientAddress(request), request.isSSL(),
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
