package com.restaurantos.realtime;

import com.restaurantos.orders.Actor;
import com.restaurantos.orders.DomainEvent;
import com.restaurantos.orders.InProcessEvents;
import com.restaurantos.orders.ItemDraft;
import com.restaurantos.orders.KitchenAlert;
import com.restaurantos.orders.KitchenAlerts;
import com.restaurantos.orders.Order;
import com.restaurantos.orders.OrderDraft;
import com.restaurantos.orders.OrderService;
import com.restaurantos.orders.OrderSettings;
import com.restaurantos.orders.OrderStatus;
import com.restaurantos.orders.TestRepositories;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's own kitchen alerts for orders waiting too long: {@code warning} at 15 and {@code urgent} at 20
 * minutes since creation (by default), once per level, never for orders no longer active. Checked by calling
 * {@link OverdueAlerts#check()} at chosen times of a clock the test moves.
 */
class OverdueAlertsTest {
    private static final Actor STAFF = Actor.staff("waiter-1");
    private static final Instant OPENING = Instant.parse("2025-03-14T18:00:00Z");

    private final MutableClock clock = new MutableClock(OPENING);
    private final List<KitchenAlert> raised = Collections.synchronizedList(new ArrayList<>());
    private final UUID restaurant = UUID.randomUUID();
    private OrderService orders;
    private OverdueAlerts overdue;

    @BeforeEach
    void wire() {
        InProcessEvents events = new InProcessEvents();
        events.subscribe(e -> {
            if (e instanceof DomainEvent.KitchenAlertRaised alert) {
                raised.add(alert.alert());
            }
        });
        orders = new OrderService(TestRepositories.inMemory(), events, OrderSettings.defaults(), clock);
        overdue = overdue(RealtimeServer.SETTINGS, events);
    }

    /** {@link OverdueAlerts#check()} needs no Vert.x: only {@code start} does. */
    private OverdueAlerts overdue(RealtimeSettings settings, InProcessEvents events) {
        return new OverdueAlerts(null, orders, new KitchenAlerts(orders, events, clock), settings, clock);
    }

    private Order order(UUID restaurant, String table) {
        return orders.create(STAFF, restaurant, new OrderDraft("dine-in", table, null, List.of(new ItemDraft(null,
                null, "Risotto", 1, new BigDecimal("14.00"), List.of(), null, "kitchen")), null));
    }

    /** Checks at this time after the opening, when the orders were created. */
    private void checkAt(Duration sinceOpening) {
        clock.set(OPENING.plus(sinceOpening));
        overdue.check();
    }

    private static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    @Test
    void raisesNothingBeforeTheOrderHasWaitedFifteenMinutes() {
        order(restaurant, "1");

        checkAt(minutes(1));
        checkAt(minutes(15).minusMillis(1));

        assertThat(raised).isEmpty();
    }

    @Test
    void raisesAWarningOnceTheOrderHasWaitedFifteenMinutes() {
        Order order = order(restaurant, "4");

        checkAt(minutes(15).plusMillis(1));

        assertThat(raised).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo(KitchenAlert.Type.WARNING);
            assertThat(alert.severity()).isEqualTo(3);
            assertThat(alert.restaurantId()).isEqualTo(restaurant);
            assertThat(alert.orderId()).isEqualTo(order.id());
            assertThat(alert.tableNumber()).isEqualTo("4");
            assertThat(alert.station()).as("for the whole restaurant").isNull();
            assertThat(alert.message()).isEqualTo("order " + order.orderNumber() + " has waited 15 minutes");
            assertThat(alert.raisedBy()).isEqualTo("restaurant-os");
            assertThat(alert.at()).isEqualTo(OPENING.plus(minutes(15).plusMillis(1)));
        });
    }

    @Test
    void raisesAnUrgentAlertAtTwentyMinutes() {
        Order order = order(restaurant, "4");
        checkAt(minutes(16));

        checkAt(minutes(20));

        assertThat(raised).map(KitchenAlert::type).containsExactly(KitchenAlert.Type.WARNING, KitchenAlert.Type.URGENT);
        KitchenAlert urgent = raised.get(1);
        assertThat(urgent.severity()).isEqualTo(5);
        assertThat(urgent.orderId()).isEqualTo(order.id());
        assertThat(urgent.message()).isEqualTo("order " + order.orderNumber() + " has waited 20 minutes");
    }

    @Test
    void raisesEachLevelOnceHoweverOftenItChecks() {
        order(restaurant, "4");

        for (long minute = 15; minute <= 90; minute++) {
            checkAt(minutes(minute).plusSeconds(30));
        }

        assertThat(raised).map(KitchenAlert::type).containsExactly(KitchenAlert.Type.WARNING, KitchenAlert.Type.URGENT);
    }

    @Test
    void anOrderFirstSeenPastTwentyMinutesGetsOnlyTheUrgentAlert() {
        order(restaurant, "4");

        checkAt(minutes(21));
        checkAt(minutes(22));

        assertThat(raised).map(KitchenAlert::type).containsExactly(KitchenAlert.Type.URGENT);
    }

    @Test
    void raisesNothingForOrdersThatAreNoLongerActive() {
        Order completed = order(restaurant, "1");
        Order cancelled = order(restaurant, "2");
        for (OrderStatus status : List.of(OrderStatus.CONFIRMED, OrderStatus.PREPARING, OrderStatus.READY,
                OrderStatus.COMPLETED)) {
            orders.changeStatus(STAFF, restaurant, completed.id(), status);
        }
        orders.cancel(STAFF, restaurant, cancelled.id(), "guest left");

        checkAt(minutes(16));
        checkAt(minutes(25));

        assertThat(raised).isEmpty();
    }

    @Test
    void anOrderThatMovesOnAfterItsWarningGetsNoUrgentAlert() {
        Order order = order(restaurant, "1");
        checkAt(minutes(16));
        orders.completeTable(STAFF, restaurant, "1");

        checkAt(minutes(21));

        assertThat(raised).singleElement().extracting(KitchenAlert::orderId).isEqualTo(order.id());
        assertThat(raised.get(0).type()).isEqualTo(KitchenAlert.Type.WARNING);
    }

    @Test
    void eachOrderIsAlertedInItsOwnRestaurant() {
        UUID other = UUID.randomUUID();
        Order here = order(restaurant, "1");
        Order there = order(other, "1");
        clock.advance(minutes(3));
        Order later = order(restaurant, "2");

        checkAt(minutes(16));

        assertThat(raised).hasSize(2);
        assertThat(raised).anySatisfy(a -> {
            assertThat(a.orderId()).isEqualTo(here.id());
            assertThat(a.restaurantId()).isEqualTo(restaurant);
        });
        assertThat(raised).anySatisfy(a -> {
            assertThat(a.orderId()).isEqualTo(there.id());
            assertThat(a.restaurantId()).isEqualTo(other);
        });
        checkAt(minutes(18).plusMillis(1));
        assertThat(raised).hasSize(3).last().extracting(KitchenAlert::orderId).isEqualTo(later.id());
    }

    @Test
    void theThresholdsComeFromTheSettings() {
        InProcessEvents events = new InProcessEvents();
        events.subscribe(e -> {
            if (e instanceof DomainEvent.KitchenAlertRaised alert) {
                raised.add(alert.alert());
            }
        });
        orders = new OrderService(TestRepositories.inMemory(), events, OrderSettings.defaults(), clock);
        overdue = overdue(new RealtimeSettings(10, Duration.ofMillis(100), minutes(5), minutes(8), minutes(1)),
                events);
        order(restaurant, "1");

        checkAt(minutes(5).minusMillis(1));
        assertThat(raised).isEmpty();
        checkAt(minutes(5).plusMillis(1));
        checkAt(minutes(8));

        assertThat(raised).map(KitchenAlert::type).containsExactly(KitchenAlert.Type.WARNING, KitchenAlert.Type.URGENT);
    }

    /** On the server the gateway checks on its own, every {@code overdueCheckEvery}. */
    @Test
    void theGatewayChecksPeriodicallyAndTheAlertReachesTheRestaurantRoom() throws Exception {
        MutableClock serverClock = new MutableClock(Instant.now());
        try (RealtimeServer server = new RealtimeServer(new RealtimeSettings(1000, Duration.ofMillis(100),
                minutes(15), minutes(20), Duration.ofMillis(20)), serverClock)) {
            Order order = server.order(restaurant, "6");
            TestClient kitchen = server.joined("kitchen", restaurant);

            serverClock.advance(minutes(16));

            JsonObject alert = kitchen.first("kitchen:alert").object();
            assertThat(alert.getString("type")).isEqualTo("warning");
            assertThat(alert.getString("orderId")).isEqualTo(order.id().toString());
            assertThat(alert.getString("tableNumber")).isEqualTo("6");
            assertThat(alert.getInteger("severity")).isEqualTo(3);
        }
    }
}
