package com.restaurantos.engineio;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the server knew of the client when its session was opened: the request that made the
 * handshake. Copied, so it stays valid after that request is gone.
 *
 * @param headers       request headers, case-insensitive
 * @param query         query parameters (first value of each)
 * @param remoteAddress the peer's address as {@code host:port}
 * @param clientAddress the peer's IP address alone: what the engine's per-address limits count by
 * @param secure        whether the connection used TLS
 * @param url           the request URI
 * @param issued        when the handshake happened
 */
public record HandshakeRequest(MultiMap headers, Map<String, String> query, String remoteAddress,
                               String clientAddress, boolean secure, String url, Instant issued) {

    static HandshakeRequest of(HttpServerRequest request) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        Map<String, String> query = new LinkedHashMap<>();
        request.params().forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
        String remote = request.remoteAddress() == null ? "" : request.remoteAddress().toString();
        return new HandshakeRequest(headers, Collections.unmodifiableMap(query), remote, clientAddress(request),
                request.isSSL(), request.uri(), Instant.now());
    }

    /** The TCP peer's IP address (a proxy's, behind one: forwarded headers are not trusted). */
    static String clientAddress(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        if (peer == null) {
            return "";
        }
        return peer.hostAddress() != null ? peer.hostAddress() : String.valueOf(peer.path());
    }
}
