package com.restaurantos.http;

import java.util.List;

/**
 * Settings of the REST API.
 *
 * @param bodyLimit          the largest request body in bytes (larger: 413 {@code INVALID_PAYLOAD})
 * @param rateLimitPerSecond requests per second per token subject, restaurant and route (0: no limit)
 * @param corsOrigins        origins allowed to call the API from a browser ({@code *}: any)
 * @param workerPoolSize     threads for blocking work (token checks with a JWKS, JDBC)
 */
public record ApiSettings(int bodyLimit, int rateLimitPerSecond, List<String> corsOrigins, int workerPoolSize) {
    public static final int DEFAULT_BODY_LIMIT = 1_000_000;
    public static final int DEFAULT_RATE_LIMIT = 50;

    public ApiSettings {
        corsOrigins = List.copyOf(corsOrigins);
    }

    public static ApiSettings defaults() {
        return new ApiSettings(DEFAULT_BODY_LIMIT, DEFAULT_RATE_LIMIT, List.of("*"), 16);
    }

    public ApiSettings withRateLimit(int perSecond) {
        return new ApiSettings(bodyLimit, perSecond, corsOrigins, workerPoolSize);
    }
}
