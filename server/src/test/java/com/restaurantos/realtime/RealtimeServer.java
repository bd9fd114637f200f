package com.restaurantos.realtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.TokenMinter;
import com.restaurantos.auth.TokenVerifier;
import com.restaurantos.engineio.EngineServer;
import com.restaurantos.orders.Actor;
import com.restaurantos.orders.DomainEvent;
import com.restaurantos.orders.InProcessEvents;
import com.restaurantos.orders.ItemDraft;
import com.restaurantos.orders.KitchenAlerts;
import com.restaurantos.orders.Order;
import com.restaurantos.orders.OrderDraft;
import com.restaurantos.orders.OrderRepository;
import com.restaurantos.orders.OrderService;
import com.restaurantos.orders.OrderSettings;
import com.restaurantos.orders.OrderStatus;
import com.restaurantos.orders.StatusUpdate;
import com.restaurantos.socketio.SocketIoOptions;
import com.restaurantos.socketio.SocketIoServer;
import com.restaurantos.store.Database;
import com.restaurantos.store.DatabaseSettings;
import com.restaurantos.store.JdbcOrderRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real-time layer as the application wires it ({@code app.Application}): a {@link SocketIoServer} with
 * connection state recovery and a {@link RealtimeGateway} on a Vert.x HTTP server on a free port, over the real
 * services on a private H2 database in memory, with an HS256 {@link TokenVerifier}. Tests connect
 * {@link TestClient}s to it, seed and read orders through {@link #orders}, and see every committed domain
 * event in {@link #published}.
 *
 * <p>It also watches the log: {@link #close} fails the test class if the server logged a warning or an error
 * (a failing handler, an exception on an event loop, Vert.x's blocked-thread checker).
 */
final class RealtimeServer implements AutoCloseable {
    static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    static final AuthSettings AUTH = AuthSettings.of(new KeySource.Secret(SECRET));
    /** Limits that a handler test never reaches; a test of the limits asks for its own. */
    static final RealtimeSettings SETTINGS = new RealtimeSettings(1000, Duration.ofMillis(100),
            Duration.ofMinutes(15), Duration.ofMinutes(20), Duration.ofHours(1));

    final Vertx vertx = Vertx.vertx();
    final Clock clock;
    final Database database;
    final InProcessEvents events = new InProcessEvents();
    /** Every domain event the services published, in order. */
    final List<DomainEvent> published = Collections.synchronizedList(new ArrayList<>());
    final OrderService orders;
    final KitchenAlerts alerts;
    final SocketIoServer io;
    final RealtimeGateway gateway;
    final HttpServer http;
    final TokenMinter minter;
    /** Repository calls made on an event loop: blocking there is a bug, so {@link #close} fails on any. */
    final List<String> eventLoopCalls = Collections.synchronizedList(new ArrayList<>());
    /** Orders whose changes of status take a while in the database, and how long. */
    private final Map<UUID, Duration> slowOrders = new ConcurrentHashMap<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<TestClient> clients = Collections.synchronizedList(new ArrayList<>());
    private final Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    RealtimeServer() throws Exception {
        this(SETTINGS, Clock.systemUTC());
    }

    RealtimeServer(RealtimeSettings settings) throws Exception {
        this(settings, Clock.systemUTC());
    }

    RealtimeServer(RealtimeSettings settings, Clock clock) throws Exception {
        this.clock = clock;
        log.setName("realtime-server-log");
        log.setContext(rootLogger.getLoggerContext());
        log.start();
        rootLogger.addAppender(log);

        database = Database.open(DatabaseSettings.inMemory("realtime-" + UUID.randomUUID()), registry);
        events.subscribe(published::add);
        orders = new OrderService(watched(new JdbcOrderRepository(database)), events,
                OrderSettings.defaults(), clock);
        alerts = new KitchenAlerts(orders, events, clock);
        minter = new TokenMinter(AUTH, Clock.systemUTC());

        SocketIoOptions defaults = SocketIoOptions.defaults();
        // As Application: recovery on, and a returning socket shows its token again.
        io = new SocketIoServer(vertx, defaults.withRecovery(new SocketIoOptions.Recovery(
                defaults.recovery().maxDisconnectionDuration(), false, defaults.recovery().maxLoggedPackets())));
        gateway = new RealtimeGateway(vertx, io, new TokenVerifier(AUTH), orders, alerts, events, settings,
                registry, clock);
        gateway.start();
        // As HttpEndpoint: the engine configures the server and sees every connection.
        HttpServerOptions options = EngineServer.configure(new HttpServerOptions())
                .setHost("127.0.0.1")
                .setPort(0);
        http = vertx.createHttpServer(options)
                .connectionHandler(io.engine()::onHttpConnection)
                .requestHandler(request -> {
                    if (!io.handle(request)) {
                        request.response().setStatusCode(404).end();
                    }
                })
                .listen()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The repository, watched for calls from an event loop, with changes of some orders slowed down. */
    private OrderRepository watched(OrderRepository target) {
        return (OrderRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{OrderRepository.class}, (proxy, method, args) -> {
                    if (Context.isOnEventLoopThread()) {
                        eventLoopCalls.add(method.getName() + " on " + Thread.currentThread().getName());
                    }
                    if (args != null && args.length == 1 && args[0] instanceof StatusUpdate update
                            && slowOrders.containsKey(update.orderId())) {
                        Thread.sleep(slowOrders.get(update.orderId()).toMillis());
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Makes every change of status of this order take this long in the database (to widen a race). */
    void slowStatusUpdates(Order order, Duration delay) {
        slowOrders.put(order.id(), delay);
    }

    String url() {
        return "http://127.0.0.1:" + http.actualPort();
    }

    int port() {
        return http.actualPort();
    }

    // ---- tokens --------------------------------------------------------------------------

    /** A token of {@code role} for {@code restaurant} (and {@code more}), valid for an hour. */
    String token(String role, UUID restaurant, UUID... more) {
        return minter.mint("user-" + role, role, restaurant, List.of(more), List.of(), Duration.ofHours(1));
    }

    /** A token whose own scopes replace those of its role. */
    String tokenWithScopes(String role, UUID restaurant, String... scopes) {
        return minter.mint("user-" + role, role, restaurant, List.of(), List.of(scopes), Duration.ofHours(1));
    }

    String token(String subject, String role, UUID restaurant, Duration ttl) {
        return minter.mint(subject, role, restaurant, List.of(), List.of(), ttl);
    }

    // ---- clients -------------------------------------------------------------------------

    /** A connected client with this token in its auth payload. */
    TestClient connect(String token) {
        return track(TestClient.connect(url(), TestClient.options().auth(token)));
    }

    /** A connected client of {@code role} for {@code restaurant}. */
    TestClient connect(String role, UUID restaurant) {
        return connect(token(role, restaurant));
    }

    /** A client of {@code role} that joined {@code restaurant}. */
    TestClient joined(String role, UUID restaurant) {
        TestClient client = connect(role, restaurant);
        assertThat(client.ack("join:restaurant", restaurant.toString()).getBoolean("success")).isTrue();
        return client;
    }

    /** A client of {@code role} that joined one station of {@code restaurant}. */
    TestClient atStation(String role, UUID restaurant, String station) {
        TestClient client = connect(role, restaurant);
        assertThat(client.ack("join:station", new io.vertx.core.json.JsonObject()
                .put("restaurantId", restaurant.toString()).put("station", station)).getBoolean("success"))
                .isTrue();
        return client;
    }

    TestClient track(TestClient client) {
        clients.add(client);
        return client;
    }

    // ---- orders --------------------------------------------------------------------------

    /** A new order of the restaurant with one item per station named (null: an item for no station). */
    Order order(UUID restaurant, String table, String... stations) {
        List<ItemDraft> items = new ArrayList<>();
        for (String station : stations.length == 0 ? new String[]{"kitchen"} : stations) {
            items.add(new ItemDraft(null, null, station == null ? "Bread" : "Dish for " + station, 1,
                    new BigDecimal("9.50"), List.of(), null, station));
        }
        return orders.create(Actor.staff("seed"), restaurant, new OrderDraft("dine-in", table, "Ada", items, null));
    }

    /** A new order moved along {@code path} of statuses. */
    Order order(UUID restaurant, String table, List<OrderStatus> path) {
        Order order = order(restaurant, table);
        for (OrderStatus status : path) {
            order = orders.changeStatus(Actor.staff("seed"), restaurant, order.id(), status);
        }
        return order;
    }

    /** The domain events published for this restaurant so far. */
    List<DomainEvent> publishedFor(UUID restaurant) {
        synchronized (published) {
            return published.stream().filter(e -> e.restaurantId().equals(restaurant)).toList();
        }
    }

    Order stored(Order order) {
        return orders.get(Actor.staff("test"), order.restaurantId(), order.id());
    }

    // ---- end -----------------------------------------------------------------------------

    /** The warnings and errors logged so far. */
    List<String> logProblems() {
        List<ILoggingEvent> logged;
        synchronized (log) {
            logged = List.copyOf(log.list);
        }
        return logged.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLevel() + " " + e.getLoggerName() + " [" + e.getThreadName() + "]: "
                        + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " - " + e.getThrowableProxy().getClassName() + ": "
                        + e.getThrowableProxy().getMessage()))
                .toList();
    }

    /** Forgets the clients closed by a test (call it after each test). */
    void closeClients() {
        List<TestClient> open;
        synchronized (clients) {
            open = List.copyOf(clients);
            clients.clear();
        }
        open.forEach(TestClient::close);
    }

    @Override
    public void close() throws Exception {
        try {
            closeClients();
            gateway.stop();
            http.close().eventually(io::close).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            database.close();
            assertThat(logProblems()).as("warnings and errors the server logged").isEmpty();
            assertThat(eventLoopCalls).as("repository calls on an event loop").isEmpty();
        } finally {
            rootLogger.detachAppender(log);
            log.stop();
            registry.close();
        }
    }
}
