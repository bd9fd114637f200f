package com.restaurantos.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.TimeUnit;

/** Times every request of the router as {@code http.server.requests}{method, route, status, outcome}. */
final class HttpMetrics {
    static final String ROUTE = "metrics.route";

    private final MeterRegistry registry;

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(done -> {
            int status = ctx.response().getStatusCode();
            String route = ctx.get(ROUTE, status == 404 ? "NOT_FOUND" : "UNKNOWN");
            Timer.builder("http.server.requests")
                    .description("HTTP requests of the REST API, health and metrics routes")
                    .tag("method", ctx.request().method().name())
                    .tag("route", route)
                    .tag("status", Integer.toString(status))
                    .tag("outcome", outcome(status))
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        });
        ctx.next();
    }

    private static String outcome(int status) {
        if (status < 400) {
            return "SUCCESS";
        }
        return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }
}
