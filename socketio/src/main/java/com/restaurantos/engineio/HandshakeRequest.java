package com.restaurantos.engineio;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

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
 * @param secure        whether the connection used TLS
 * @param url           the request URI
 * @param issued        when the handshake happened
 */
public record HandshakeRequest(MultiMap headers, Map<String, String> query, String remoteAddress, boolean secure,
                               String url, Instant issued) {

    static HandshakeRequest of(HttpServerRequest request) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        Map<String, String> query = new LinkedHashMap<>();
        request.params().forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
        String remote = request.remoteAddress() == null ? "" : request.remoteAddress().toString();
        return new HandshakeRequest(headers, Collections.unmodifiableMap(query), remote, request.isSSL(),
                request.uri(), Instant.now());
    }
}
