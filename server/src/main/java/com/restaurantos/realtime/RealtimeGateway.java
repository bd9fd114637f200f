package com.restaurantos.realtime;

import com.restaurantos.auth.TokenVerifier;
import com.restaurantos.orders.DomainEvents;
import com.restaurantos.orders.KitchenAlerts;
import com.restaurantos.orders.OrderService;
import com.restaurantos.socketio.Event;
import com.restaurantos.socketio.Namespace;
import com.restaurantos.socketio.Socket;
import com.restaurantos.socketio.SocketIoServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The real-time API of the contract on the main namespace: authentication, one handler per client
 * event behind a rate limit, and the fan-out of committed changes to the rooms that should see them.
 */
public final class RealtimeGateway {
    private final Vertx vertx;
    private final Namespace namespace;
    private final TokenVerifier verifier;
    private final DomainEvents events;
    private final RealtimeSettings settings;
    private final Clock clock;
    private final RealtimeMetrics metrics;
    private final Replies replies;
    private final List<ClientEventHandler> handlers;
    private final Batches batches;
    private final EventFanout fanout;
    private final OverdueAlerts overdue;
    private DomainEvents.Subscription subscription;
    private long batchTimer = -1;

    public RealtimeGateway(Vertx vertx, SocketIoServer io, TokenVerifier verifier, OrderService orders,
                           KitchenAlerts alerts, DomainEvents events, RealtimeSettings settings,
                           MeterRegistry registry, Clock clock) {
        this.vertx = vertx;
        this.namespace = io.sockets();
        this.verifier = verifier;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        Work work;
        List<String> names = List.of("join:restaurant", "join:station", "orders:sync", "order:update_status",
                "table:complete", "kitchen:alert");
        this.metrics = new RealtimeMetrics(registry, names.stream().collect(Collectors.toSet()));
        this.replies = new Replies(metrics);
        work = new Work(vertx, replies);
        this.handlers = List.of(
                new JoinRestaurantHandler(replies),
                new JoinStationHandler(replies),
                new OrdersSyncHandler(orders, work, clock),
                new UpdateStatusHandler(orders, work),
                new TableCompleteHandler(orders, work),
                new KitchenAlertHandler(alerts, work));
        this.batches = new Batches(namespace, io.options().recovery() == null ? Duration.ZERO
                : io.options().recovery().maxDisconnectionDuration(), clock);
        this.fanout = new EventFanout(namespace, batches, metrics, clock);
        this.overdue = new OverdueAlerts(vertx, orders, alerts, settings, clock);
    }

    public void start() {
        namespace.use(new SocketAuthentication(verifier, vertx, clock));
        namespace.onConnection(this::onConnection);
        subscription = events.subscribe(fanout::publish);
        batchTimer = vertx.setPeriodic(settings.batchInterval().toMillis(), t -> batches.flush());
        overdue.start();
    }

    public void stop() {
        if (subscription != null) {
            subscription.close();
        }
        if (batchTimer >= 0) {
            vertx.cancelTimer(batchTimer);
        }
        overdue.stop();
    }

    private void onConnection(Socket socket) {
        SocketSession session = SocketSession.of(socket);
        metrics.connected();
        socket.onDisconnect(reason -> {
            metrics.disconnected();
            if (session.batched() && session.restaurant() != null) {
                batches.left(session.restaurant());
            }
        });
        socket.use((s, event, next) -> {
            metrics.received(event.name());
            next.run();
        });
        socket.use(new EventRateLimiter(settings.rateLimitPerSecond(), System::nanoTime, replies));
        for (ClientEventHandler handler : handlers) {
            socket.on(handler.event(), event -> dispatch(handler, socket, session, event));
        }
        disconnectAtExpiry(socket, session);
        socket.emit("connection:status", new JsonObject()
                .put("state", "connected")
                .put("recovered", socket.recovered())
                .put("serverTime", clock.instant().toString()));
    }

    private void dispatch(ClientEventHandler handler, Socket socket, SocketSession session, Event event) {
        try {
            handler.handle(socket, session, event);
        } catch (RuntimeException e) {
            replies.fail(socket, event, e);
        }
    }

    /** A socket lives no longer than its token; the client reconnects with a fresh one. */
    private void disconnectAtExpiry(Socket socket, SocketSession session) {
        Instant expiry = session.principal().expiresAt();
        if (expiry == null) {
            return;
        }
        long delay = Math.max(1, Duration.between(clock.instant(), expiry).toMillis());
        long timer = vertx.setTimer(delay, t -> {
            if (socket.connected()) {
                replies.notify(socket, ErrorCode.AUTH_FAILED, "token expired");
                socket.disconnect(false);
            }
        });
        socket.onDisconnect(reason -> vertx.cancelTimer(timer));
    }
}
