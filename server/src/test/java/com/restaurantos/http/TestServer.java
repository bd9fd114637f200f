package com.restaurantos.http;

import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.TokenMinter;
import com.restaurantos.auth.TokenVerifier;
import com.restaurantos.orders.DomainEvent;
import com.restaurantos.orders.InProcessEvents;
import com.restaurantos.orders.KitchenAlerts;
import com.restaurantos.orders.OrderRepository;
import com.restaurantos.orders.OrderService;
import com.restaurantos.orders.OrderSettings;
import com.restaurantos.store.Database;
import com.restaurantos.store.DatabaseSettings;
import com.restaurantos.store.JdbcOrderRepository;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The REST API on a real Vert.x HTTP server (port 0) over an in-memory H2 database. */
final class TestServer implements AutoCloseable {
    static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    static final AuthSettings AUTH = AuthSettings.of(new KeySource.Secret(SECRET));

    final Vertx vertx = Vertx.vertx();
    final Database database;
    final OrderRepository repository;
    final InProcessEvents events = new InProcessEvents();
    final List<DomainEvent> published = Collections.synchronizedList(new ArrayList<>());
    /** Repository calls that ran on an event loop: must stay empty. */
    final List<String> eventLoopCalls = Collections.synchronizedList(new ArrayList<>());
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final RestApi api;
    final HttpServer server;
    final TokenMinter minter = new TokenMinter(AUTH, Clock.systemUTC());
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestServer(ApiSettings settings) throws Exception {
        this(settings, null);
    }

    /** @param readiness null: the real database check */
    TestServer(ApiSettings settings, Supplier<Boolean> readiness) throws Exception {
        database = Database.open(DatabaseSettings.inMemory("rest-" + UUID.randomUUID()), registry);
        new JvmMemoryMetrics().bindTo(registry);
        repository = checkingThreads(new JdbcOrderRepository(database));
        OrderService orders = new OrderService(repository, events, OrderSettings.defaults(), Clock.systemUTC());
        events.subscribe(published::add);
        api = new RestApi(vertx, orders, new KitchenAlerts(orders, events, Clock.systemUTC()),
                new TokenVerifier(AUTH),
                readiness != null ? readiness : () -> database.isReachable(Duration.ofSeconds(2)),
                registry, registry::scrape, settings);
        var router = api.router();
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private OrderRepository checkingThreads(OrderRepository target) {
        return (OrderRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{OrderRepository.class}, (proxy, method, args) -> {
                    if (Context.isOnEventLoopThread()) {
                        eventLoopCalls.add(method.getName() + " on " + Thread.currentThread().getName());
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    String token(String role, UUID restaurant, UUID... more) {
        return minter.mint("user-" + role, role, restaurant, List.of(more), List.of(), Duration.ofHours(1));
    }

    String token(String subject, String role, UUID restaurant) {
        return minter.mint(subject, role, restaurant, List.of(), List.of(), Duration.ofHours(1));
    }

    Response send(String method, String path, String token, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                        + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response.headers());
    }

    Response send(String method, String path, String token, io.vertx.core.json.JsonObject body, String... headers)
            throws Exception {
        return send(method, path, token, body == null ? null : body.encode(), headers);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        database.close();
        registry.close();
    }
}
