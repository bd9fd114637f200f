package com.restaurantos.app;

import com.restaurantos.auth.TokenVerifier;
import com.restaurantos.http.ApiSettings;
import com.restaurantos.http.RestApi;
import com.restaurantos.orders.DomainEvents;
import com.restaurantos.orders.InProcessEvents;
import com.restaurantos.orders.KitchenAlerts;
import com.restaurantos.orders.OrderService;
import com.restaurantos.orders.OrderSettings;
import com.restaurantos.realtime.RealtimeGateway;
import com.restaurantos.socketio.SocketIoOptions;
import com.restaurantos.socketio.SocketIoServer;
import com.restaurantos.store.Database;
import com.restaurantos.store.DatabaseSettings;
import com.restaurantos.store.JdbcOrderRepository;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The server, wired by hand: database, domain services, token verification, the REST router and Socket.IO
 * on one Vert.x HTTP server. {@link #start} returns once it listens; {@link #stop} undoes it in reverse order.
 */
final class Application {
    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final Vertx vertx;
    private final Database database;
    private final DomainEvents events;
    private final OrderService orders;
    private final SocketIoServer io;
    private final RealtimeGateway realtime;
    private final RestApi api;
    private final HttpServer http;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;

    private Application(Vertx vertx, Database database, DomainEvents events, OrderService orders, SocketIoServer io,
                        RealtimeGateway realtime, RestApi api, HttpServer http, PrometheusMeterRegistry registry,
                        JvmGcMetrics gcMetrics) {
        this.vertx = vertx;
        this.database = database;
        this.events = events;
        this.orders = orders;
        this.io = io;
        this.realtime = realtime;
        this.api = api;
        this.http = http;
        this.registry = registry;
        this.gcMetrics = gcMetrics;
    }

    static Application start(AppConfig config, Clock clock) {
        return start(config, clock, databaseSettings(config));
    }

    static Application start(AppConfig config, Clock clock, DatabaseSettings databaseSettings) {
        log.info("starting with {}", config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        TokenVerifier verifier = new TokenVerifier(Security.authSettings(config, log::info));
        Database database = Database.open(databaseSettings, registry);
        Vertx vertx = null;
        try {
            DomainEvents events = new InProcessEvents();
            OrderService orders = new OrderService(new JdbcOrderRepository(database), events,
                    new OrderSettings(config.taxRate(), config.restaurantZone()), clock);
            KitchenAlerts alerts = new KitchenAlerts(orders, events, clock);

            // Linux's epoll where the jar's native library loads (fewer syscalls and copies than NIO), else NIO.
            vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
            log.info("network transport: {}", vertx.isNativeTransportEnabled() ? "native epoll" : "Java NIO");
            SocketIoOptions defaults = SocketIoOptions.defaults();
            SocketIoOptions options = defaults
                    .withEngine(defaults.engine().withAllowedOrigins(config.corsOrigins())
                            .withOutboundLimits(config.outboundMaxPackets(), config.outboundMaxBytes())
                            .withLimits(config.connectionLimits()))
                    .withMaxRoomsPerSocket(config.maxRoomsPerSocket())
                    // A returning socket shows its token again: it may have expired meanwhile.
                    .withRecovery(new SocketIoOptions.Recovery(config.recoveryWindow(), false,
                            defaults.recovery().maxLoggedPackets()));
            SocketIoServer io = new SocketIoServer(vertx, options);
            ConnectionLimitMetrics.bind(registry, io.engine());
            RealtimeGateway realtime = new RealtimeGateway(vertx, io, verifier, orders, alerts, events,
                    config.realtime(), registry, clock);
            realtime.start();
            RestApi api = new RestApi(vertx, orders, alerts, verifier,
                    () -> database.isReachable(Duration.ofSeconds(2)), registry, registry::scrape,
                    new ApiSettings(ApiSettings.DEFAULT_BODY_LIMIT, config.restRateLimitPerSecond(),
                            config.corsOrigins(), Math.max(8, databaseSettings.poolSize() * 2)));
            Router router = api.router();
            HttpServer http = HttpEndpoint.listen(vertx, config.host(), config.port(), io.engine(), request -> {
                if (!io.handle(request)) {
                    router.handle(request);
                }
            });
            return new Application(vertx, database, events, orders, io, realtime, api, http, registry, gcMetrics);
        } catch (RuntimeException e) {
            if (vertx != null) {
                vertx.close();
            }
            database.close();
            throw e;
        }
    }

    /** The embedded H2 file database under the data directory, or the configured one. */
    static DatabaseSettings databaseSettings(AppConfig config) {
        if (config.databaseUrl() == null) {
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + config.dataDir(), e);
            }
            return DatabaseSettings.embedded(config.dataDir(), config.databasePoolSize());
        }
        return new DatabaseSettings(config.databaseUrl(), config.databaseUser(), config.databasePassword(),
                config.databasePoolSize(), null);
    }

    int port() {
        return http.actualPort();
    }

    DomainEvents events() {
        return events;
    }

    OrderService orders() {
        return orders;
    }

    Database database() {
        return database;
    }

    SocketIoServer io() {
        return io;
    }

    /**
     * Stops within the timeout, in this order: no new connections (HTTP requests under way go on), every socket
     * told "server shutting down", the HTTP requests under way answered, the transactions under way (those of
     * socket events too) ended, then Vert.x and the pool closed. Blocks; call it from a thread of one's own (a
     * shutdown hook, a test), not from Vert.x: Vert.x cannot report its own end to one of its threads.
     */
    void stop(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        log.info("stopping: new connections refused, {} connections told 'server shutting down'",
                io.engine().sessions().size());
        realtime.stop();
        // Vert.x closes what is still open when the grace ends; a second of the budget is kept for the rest.
        Future<Void> httpStopped = http.shutdown(Math.max(0, millisLeft(deadline) - 1_000), TimeUnit.MILLISECONDS);
        await("the sockets", io.close(), deadline);
        await("the HTTP requests under way", httpStopped, deadline);
        try {
            if (!database.awaitIdle(Duration.ofMillis(Math.max(0, millisLeft(deadline) - 500)))) {
                log.warn("transactions were still under way when the time to stop ran out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        await("the REST workers", api.close(), deadline);
        try {
            await("Vert.x", vertx.close(), deadline);
        } finally {
            database.close();
            gcMetrics.close();
            registry.close();
        }
        log.info("stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static long millisLeft(long deadline) {
        return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
    }

    private static void await(String what, Future<?> future, long deadline) {
        try {
            future.toCompletionStage().toCompletableFuture().get(Math.max(1, millisLeft(deadline)),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("{} did not stop cleanly: {}", what, e.toString());
        }
    }
}
