package com.restaurantos.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Times every request of the router as {@code http.server.requests}{method, route, status, outcome}. */
final class HttpMetrics {
    static final String ROUTE = "metrics.route";

    private final MeterRegistry registry;
    /** Registering looks the timer up by its sorted tags: done once per combination, not per request. */
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    private record Key(String method, String route, int status) {
    }

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(done -> {
            int status = ctx.response().getStatusCode();
            String route = ctx.get(ROUTE, status == 404 ? "NOT_FOUND" : "UNKNOWN");
            timers.computeIfAbsent(new Key(ctx.request().method().name(), route, status), this::timer)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        });
        ctx.next();
    }

    private Timer timer(Key key) {
        return Timer.builder("http.server.requests")
                .description("HTTP requests of the REST API, health and metrics routes")
                .tag("method", key.method())
                .tag("route", key.route())
                .tag("status", Integer.toString(key.status()))
                .tag("outcome", outcome(key.status()))
                .register(registry);
    }

    private static String outcome(int status) {
        if (status < 400) {
            return "SUCCESS";
        }
        return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }
}
