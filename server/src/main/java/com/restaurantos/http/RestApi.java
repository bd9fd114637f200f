package com.restaurantos.http;

import com.restaurantos.wire.OrderJson;

import com.restaurantos.auth.AuthException;
import com.restaurantos.auth.AuthenticationException;
import com.restaurantos.auth.Principal;
import com.restaurantos.auth.Scope;
import com.restaurantos.auth.TokenVerifier;
import com.restaurantos.orders.Actor;
import com.restaurantos.orders.KitchenAlerts;
import com.restaurantos.orders.OrderException;
import com.restaurantos.orders.OrderQuery;
import com.restaurantos.orders.OrderService;
import com.restaurantos.orders.OrderStatus;
import com.restaurantos.orders.OrderType;
import com.restaurantos.orders.ValidationException;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The REST API of contract section 4 under {@code /api/v1}, with {@code /health/live}, {@code /health/ready}
 * and {@code /metrics}. Every request is answered with JSON; errors as {@code { success: false, error: { code,
 * message, details? } }}. Token checks and every repository call run on a worker pool, never on the event loop.
 */
public final class RestApi {
    private static final Logger log = LoggerFactory.getLogger(RestApi.class);
    static final String PREFIX = "/api/v1";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final int MAX_OFFSET = 1_000_000;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Vertx vertx;
    private final OrderService orders;
    private final KitchenAlerts alerts;
    private final TokenVerifier verifier;
    private final Supplier<Boolean> databaseReachable;
    private final Supplier<String> scrape;
    private final ApiSettings settings;
    private final WorkerExecutor workers;
    private final RateLimiter rateLimiter;
    private final HttpMetrics metrics;

    /**
     * @param databaseReachable blocking check for {@code /health/ready}
     * @param scrape            the Prometheus text of {@code registry}, for {@code /metrics}
     */
    public RestApi(Vertx vertx, OrderService orders, KitchenAlerts alerts, TokenVerifier verifier,
                   Supplier<Boolean> databaseReachable, MeterRegistry registry, Supplier<String> scrape,
                   ApiSettings settings) {
        this.vertx = vertx;
        this.orders = orders;
        this.alerts = alerts;
        this.verifier = verifier;
        this.databaseReachable = databaseReachable;
        this.scrape = scrape;
        this.settings = settings;
        this.workers = vertx.createSharedWorkerExecutor("restaurant-os-api", settings.workerPoolSize());
        this.rateLimiter = new RateLimiter(settings.rateLimitPerSecond(), System::nanoTime);
        this.metrics = new HttpMetrics(registry);
    }

    /** The router: mount it on the HTTP server for every request that is not Socket.IO's. */
    public Router router() {
        Router router = Router.router(vertx);
        router.route().handler(metrics::handle);
        router.route(PREFIX + "/*").handler(cors());
        router.route(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(settings.bodyLimit()));

        api(router, HttpMethod.POST, "/orders", Scope.ORDERS_CREATE, 201, call ->
                OrderJson.order(orders.create(call.actor(), call.restaurant(),
                        RequestBodies.orderDraft(RequestBodies.object(call.body(), true)))));
        api(router, HttpMethod.GET, "/orders", Scope.ORDERS_READ, 200, call ->
                OrderJson.page(orders.list(call.actor(), call.restaurant(), query(call.query()))));
        api(router, HttpMethod.GET, "/orders/:id", Scope.ORDERS_READ, 200, call ->
                OrderJson.order(orders.get(call.actor(), call.restaurant(), orderId(call))));
        api(router, HttpMethod.GET, "/orders/:id/history", Scope.ORDERS_READ, 200, call -> {
            UUID id = orderId(call);
            return OrderJson.history(id, orders.history(call.actor(), call.restaurant(), id));
        });
        api(router, HttpMethod.PATCH, "/orders/:id", Scope.ORDERS_UPDATE, 200, call ->
                OrderJson.order(orders.update(call.actor(), call.restaurant(), orderId(call),
                        RequestBodies.orderPatch(RequestBodies.object(call.body(), true)))));
        api(router, HttpMethod.PATCH, "/orders/:id/status", Scope.ORDERS_STATUS, 200, call -> {
            String status = RequestBodies.status(RequestBodies.object(call.body(), true));
            return OrderJson.order(orders.changeStatus(call.actor(), call.restaurant(), orderId(call),
                    OrderStatus.parse("status", status)));
        });
        api(router, HttpMethod.DELETE, "/orders/:id", Scope.ORDERS_UPDATE, 200, call -> {
            String reason = RequestBodies.reason(RequestBodies.object(call.body(), false));
            if (reason == null) {
                reason = call.query().get("reason");
            }
            return OrderJson.order(orders.cancel(call.actor(), call.restaurant(), orderId(call), reason));
        });
        api(router, HttpMethod.POST, "/tables/:tableNumber/complete", Scope.ORDERS_STATUS, 200, call ->
                OrderJson.tableCompletion(orders.completeTable(call.actor(), call.restaurant(),
                        call.path().get("tableNumber"))));
        api(router, HttpMethod.POST, "/alerts", Scope.KITCHEN_ALERT, 201, call ->
                OrderJson.alert(alerts.raise(call.actor(), call.restaurant(),
                        RequestBodies.alertDraft(RequestBodies.object(call.body(), true)))));

        router.get("/health/live").handler(ctx -> {
            ctx.put(HttpMetrics.ROUTE, "/health/live");
            json(ctx, 200, new JsonObject().put("status", "UP"));
        });
        router.get("/health/ready").handler(ctx -> {
            ctx.put(HttpMetrics.ROUTE, "/health/ready");
            blocking(databaseReachable::get).onComplete(ar -> {
                boolean up = ar.succeeded() && Boolean.TRUE.equals(ar.result());
                json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN")
                        .put("database", up ? "UP" : "DOWN"));
            });
        });
        router.get("/metrics").handler(ctx -> {
            ctx.put(HttpMetrics.ROUTE, "/metrics");
            blocking(scrape::get).onComplete(ar -> {
                if (ar.failed()) {
                    fail(ctx, ar.cause());
                    return;
                }
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                        .end(ar.result());
            });
        });

        router.route().last().handler(ctx -> error(ctx, 404, "NOT_FOUND", "no such route", null));
        router.errorHandler(405, ctx -> error(ctx, 405, "METHOD_NOT_ALLOWED", "method not allowed here", null));
        router.route().failureHandler(ctx -> {
            if (ctx.failure() != null) {
                fail(ctx, ctx.failure());
            } else if (ctx.statusCode() == 413) {
                error(ctx, 413, "INVALID_PAYLOAD", "the body is larger than " + settings.bodyLimit() + " bytes",
                        null);
            } else if (ctx.statusCode() == 400) {
                error(ctx, 400, "INVALID_PAYLOAD", "malformed request", null);
            } else {
                error(ctx, ctx.statusCode() < 400 ? 500 : ctx.statusCode(), "INTERNAL", "request failed", null);
            }
        });
        return router;
    }

    /** What a REST handler gets: everything read from the request on the event loop, and who sent it. */
    record Call(Principal principal, UUID restaurant, Map<String, String> path, MultiMap query, Buffer body) {
        Actor actor() {
            return new Actor(principal.subject(), principal.ownOrdersOnly());
        }
    }

    @FunctionalInterface
    interface Action {
        JsonObject handle(Call call);
    }

    private void api(Router router, HttpMethod method, String path, Scope scope, int status, Action action) {
        String route = PREFIX + path;
        router.route(method, route).handler(ctx -> {
            ctx.put(HttpMetrics.ROUTE, route);
            String token = bearer(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
            String restaurantHeader = ctx.request().getHeader("X-Restaurant-ID");
            Map<String, String> params = new LinkedHashMap<>(ctx.pathParams());
            MultiMap query = MultiMap.caseInsensitiveMultiMap().addAll(ctx.queryParams());
            Buffer body = ctx.body() == null ? null : ctx.body().buffer();
            blocking(() -> {
                Principal principal = verifier.verify(token);
                String bucket = principal.subject() + "|" + (restaurantHeader != null ? restaurantHeader
                        : principal.restaurants()) + "|" + method + " " + route;
                if (!rateLimiter.tryAcquire(bucket)) {
                    throw new ApiException(429, "RATE_LIMIT", "too many requests: at most "
                            + settings.rateLimitPerSecond() + " per second", null);
                }
                principal.require(scope);
                UUID restaurant = principal.restaurant(restaurantHeader);
                return action.handle(new Call(principal, restaurant, params, query, body));
            }).onComplete(ar -> {
                if (ar.succeeded()) {
                    json(ctx, status, ar.result());
                } else {
                    fail(ctx, ar.cause());
                }
            });
        });
    }

    private CorsHandler cors() {
        CorsHandler cors = CorsHandler.create()
                .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH, HttpMethod.DELETE,
                        HttpMethod.OPTIONS))
                .allowedHeaders(Set.of("Authorization", "Content-Type", "X-Restaurant-ID"))
                .maxAgeSeconds(600);
        if (!settings.corsOrigins().contains("*")) {
            cors.addOrigins(settings.corsOrigins());
        }
        return cors;
    }

    private <T> Future<T> blocking(Callable<T> work) {
        return workers.executeBlocking(work, false);
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String[] parts = WHITESPACE.split(authorization.strip(), 2);
        return parts.length == 2 && parts[0].equalsIgnoreCase("Bearer") ? parts[1] : "";
    }

    private static UUID orderId(Call call) {
        String id = call.path().get("id");
        try {
            UUID uuid = UUID.fromString(id);
            if (uuid.toString().equalsIgnoreCase(id)) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new ValidationException(Map.of("id", "must be a UUID"));
    }

    static OrderQuery query(MultiMap params) {
        Map<String, String> problems = new LinkedHashMap<>();
        Set<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
        for (String value : params.getAll("status")) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    OrderStatus.fromWire(name.strip()).ifPresentOrElse(statuses::add,
                            () -> problems.put("status", "must be among " + Arrays.stream(OrderStatus.values())
                                    .map(OrderStatus::wire).toList()));
                }
            }
        }
        OrderType type = null;
        String typeName = params.get("type");
        if (typeName != null && !typeName.isBlank()) {
            type = OrderType.fromWire(typeName.strip()).orElse(null);
            if (type == null) {
                problems.put("type", "must be one of " + Arrays.stream(OrderType.values()).map(OrderType::wire)
                        .toList());
            }
        }
        String table = params.get("table");
        int limit = number(params.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT, "limit", problems);
        int offset = number(params.get("offset"), 0, 0, MAX_OFFSET, "offset", problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new OrderQuery(statuses, type, table == null || table.isBlank() ? null : table.strip(), null, limit,
                offset);
    }

    private static int number(String value, int fallback, int min, int max, String name, Map<String, String> problems) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        problems.put(name, "must be a whole number from " + min + " to " + max);
        return fallback;
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(body.encode());
    }

    private static void error(RoutingContext ctx, int status, String code, String message,
                              Map<String, String> details) {
        JsonObject error = new JsonObject().put("code", code).put("message", message);
        if (details != null && !details.isEmpty()) {
            error.put("details", new JsonObject(new LinkedHashMap<>(details)));
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        json(ctx, status, new JsonObject().put("success", false).put("error", error));
    }

    /** Answers a failure with the contract's error shape; nothing internal is ever sent. */
    private static void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof ApiException e) {
            error(ctx, e.status(), e.code(), e.getMessage(), e.details());
        } else if (failure instanceof ValidationException e) {
            error(ctx, 400, e.code(), e.getMessage(), e.details());
        } else if (failure instanceof OrderException e) {
            error(ctx, e.code().equals("ORDER_NOT_FOUND") ? 404 : 409, e.code(), e.getMessage(), null);
        } else if (failure instanceof AuthenticationException e) {
            error(ctx, 401, e.code(), e.getMessage(), null);
        } else if (failure instanceof AuthException e) {
            error(ctx, e.code().equals("PERMISSION_DENIED") ? 403 : 400, e.code(), e.getMessage(), null);
        } else {
            log.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
            error(ctx, 500, "INTERNAL", "internal error", null);
        }
    }

    /** Stops the worker pool. */
    public Future<Void> close() {
        return workers.close();
    }
}
