package com.restaurantos.realtime;

import com.restaurantos.orders.Actor;
import com.restaurantos.orders.AlertDraft;
import com.restaurantos.orders.KitchenAlert;
import com.restaurantos.orders.KitchenAlerts;
import com.restaurantos.orders.Order;
import com.restaurantos.orders.OrderService;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The server's own kitchen alerts: an order still active long after it was created raises a
 * {@code warning}, then an {@code urgent} alert, once per level. What was raised is remembered in
 * memory for the orders that are still waiting, so the map shrinks as orders move on.
 */
final class OverdueAlerts {
    private static final Logger log = LoggerFactory.getLogger(OverdueAlerts.class);
    private static final Actor SERVER = Actor.staff("restaurant-os");

    private final Vertx vertx;
    private final OrderService orders;
    private final KitchenAlerts alerts;
    private final RealtimeSettings settings;
    private final Clock clock;
    private final Map<UUID, KitchenAlert.Type> raised = new HashMap<>();
    private long timer = -1;

    OverdueAlerts(Vertx vertx, OrderService orders, KitchenAlerts alerts, RealtimeSettings settings, Clock clock) {
        this.vertx = vertx;
        this.orders = orders;
        this.alerts = alerts;
        this.settings = settings;
        this.clock = clock;
    }

    void start() {
        timer = vertx.setPeriodic(settings.overdueCheckEvery().toMillis(),
                t -> vertx.executeBlocking(() -> {
                    check();
                    return null;
                }, true).onFailure(e -> log.error("checking waiting orders failed", e)));
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Raises the alerts now due; runs on a worker, one check at a time. */
    synchronized void check() {
        Instant now = clock.instant();
        List<Order> waiting = orders.activeCreatedBefore(now.minus(settings.overdueWarning()));
        Set<UUID> stillWaiting = new HashSet<>();
        for (Order order : waiting) {
            stillWaiting.add(order.id());
            Duration age = Duration.between(order.createdAt(), now);
            KitchenAlert.Type due = age.compareTo(settings.overdueUrgent()) >= 0
                    ? KitchenAlert.Type.URGENT : KitchenAlert.Type.WARNING;
            KitchenAlert.Type already = raised.get(order.id());
            if (already == due || already == KitchenAlert.Type.URGENT) {
                continue;
            }
            alerts.raise(SERVER, order.restaurantId(), new AlertDraft(due.wire(),
                    "order " + order.orderNumber() + " has waited " + age.toMinutes() + " minutes",
                    due == KitchenAlert.Type.URGENT ? 5 : 3, order.id().toString(), order.tableNumber(), null));
            raised.put(order.id(), due);
        }
        raised.keySet().retainAll(stillWaiting);
    }
}
