package com.restaurantos.simulation;

import com.restaurantos.orders.OrderStatus;
import com.restaurantos.orders.OrderType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Services played without a server and without waiting: what they ask of the restaurant. */
class ServiceTest {
    private static final Duration EVENING = Duration.ofHours(3);

    private static Service open(FakeRestaurant restaurant, long seed, double ordersPerMinute, Set<String> inUse) {
        Service service = new Service(restaurant, Menu.casualDining(), seed,
                new Service.Settings(ordersPerMinute, 20, inUse, Duration.ofSeconds(30)));
        service.open();
        return service;
    }

    private static void playUntil(Service service, Duration end) {
        while (service.nextStep().filter(at -> at.compareTo(end) < 0).isPresent()) {
            service.takeNextStep();
        }
    }

    private static FakeRestaurant evening(long seed) {
        FakeRestaurant restaurant = new FakeRestaurant();
        playUntil(open(restaurant, seed, 10, Set.of()), EVENING);
        return restaurant;
    }

    @Test
    void ordersOfEveryTypeGoThroughTheContractsStatusesOnly() {
        FakeRestaurant restaurant = evening(1);

        assertThat(restaurant.refused).isEmpty();
        assertThat(restaurant.orders.values()).extracting(o -> o.request.type())
                .containsAll(List.of(OrderType.values()));
        assertThat(restaurant.orders.values()).allSatisfy(order -> {
            assertThat(order.history).first().isEqualTo(OrderStatus.NEW);
            for (int i = 1; i < order.history.size(); i++) {
                OrderStatus from = order.history.get(i - 1);
                OrderStatus to = order.history.get(i);
                assertThat(from.canBecome(to)).as("%s -> %s", from, to).isTrue();
            }
        });
        assertThat(restaurant.orders.size()).as("about 10 a minute").isBetween(1500, 2100);
        assertThat(restaurant.count(OrderStatus.COMPLETED)).isGreaterThan(restaurant.orders.size() * 3L / 4);
    }

    @Test
    void ordersCarryRealisticItems() {
        FakeRestaurant restaurant = evening(2);

        List<Restaurant.LineItem> items = restaurant.orders.values().stream()
                .flatMap(o -> o.request.items().stream()).toList();
        assertThat(items).allSatisfy(item -> {
            assertThat(item.quantity()).isBetween(1, 12);
            assertThat(item.dish().price()).isPositive();
        });
        assertThat(items).anySatisfy(item -> assertThat(item.extras()).isNotEmpty());
        assertThat(items).anySatisfy(item -> assertThat(item.instructions()).isNotNull());
        assertThat(items).extracting(item -> item.dish().station().wire()).contains("kitchen", "bar", "expo");
        assertThat(restaurant.orders.values()).allSatisfy(order -> {
            if (order.request.type() == OrderType.DINE_IN) {
                assertThat(order.request.table()).matches("\\d+");
                assertThat(order.request.customer()).isNull();
            } else {
                assertThat(order.request.table()).isNull();
                assertThat(order.request.customer()).isNotBlank();
            }
        });
    }

    @Test
    void tablesAreCompletedOnceEverythingIsServed() {
        FakeRestaurant restaurant = evening(3);

        assertThat(restaurant.completedTables).hasSizeGreaterThan(20);
        assertThat(restaurant.completedTooEarly).isEmpty();
        assertThat(restaurant.orders.values()).filteredOn(o -> o.request.type() == OrderType.DINE_IN)
                .allSatisfy(order -> assertThat(order.history)
                        .doesNotContain(OrderStatus.PICKED_UP, OrderStatus.PENDING));
    }

    @Test
    void someOrdersAreChangedOrCancelledAndTheKitchenRaisesAlerts() {
        FakeRestaurant restaurant = evening(4);

        List<String> cancellations = restaurant.calls.stream().filter(c -> c.startsWith("cancel ")).toList();
        assertThat(cancellations).hasSizeBetween(restaurant.orders.size() / 50, restaurant.orders.size() / 15);
        assertThat(cancellations).anySatisfy(c -> assertThat(c).contains("out of stock: "));
        assertThat(restaurant.calls).anySatisfy(c -> assertThat(c).startsWith("amend "));
        assertThat(restaurant.alerts).hasSizeGreaterThan(20);
        assertThat(restaurant.alerts).anySatisfy(alert -> assertThat(alert.order()).isNotNull());
        assertThat(restaurant.alerts).anySatisfy(alert -> assertThat(alert.station()).isNull());
    }

    @Test
    void theSameSeedPlaysTheSameService() {
        assertThat(evening(5).calls).isEqualTo(evening(5).calls);
        assertThat(evening(5).calls).isNotEqualTo(evening(6).calls);
    }

    @Test
    void nobodyIsSeatedAtATableInUse() {
        FakeRestaurant restaurant = new FakeRestaurant();
        playUntil(open(restaurant, 7, 10, Set.of("3", "17")), EVENING);

        assertThat(restaurant.orders.values()).extracting(o -> o.request.table()).doesNotContain("3", "17")
                .contains("1", "20");
    }

    @Test
    void atClosingTimeTheGuestsStillSeatedPayAndLeave() {
        FakeRestaurant restaurant = new FakeRestaurant();
        Service service = open(restaurant, 8, 10, Set.of());
        playUntil(service, Duration.ofMinutes(30));
        assertThat(restaurant.orders.values()).anySatisfy(o -> {
            assertThat(o.request.type()).isEqualTo(OrderType.DINE_IN);
            assertThat(o.status.isActive()).isTrue();
        });

        service.close();

        assertThat(restaurant.orders.values()).filteredOn(o -> o.request.type() == OrderType.DINE_IN)
                .allSatisfy(o -> assertThat(o.status.isActive()).isFalse());
        assertThat(restaurant.orders.values()).anySatisfy(o -> assertThat(o.status.isActive()).isTrue());
    }

    @Test
    void asksAgainWhatTheServerWasTooBusyToDo() {
        FakeRestaurant restaurant = new FakeRestaurant();
        List<Integer> refusedAt = new ArrayList<>();
        restaurant.trouble = call -> {
            if (restaurant.calls.size() % 4 != 0) {
                return null;
            }
            refusedAt.add(restaurant.calls.size() - 1);
            return new RequestFailed("PATCH /api/v1/orders/{id}/status", 429, "RATE_LIMIT", "too many requests");
        };
        playUntil(open(restaurant, 9, 10, Set.of()), EVENING);

        assertThat(restaurant.refused).isEmpty();
        assertThat(refusedAt).hasSizeGreaterThan(1000);
        List<Integer> notAskedAgain = refusedAt.stream().filter(at -> !restaurant.calls
                .subList(at + 1, restaurant.calls.size()).contains(restaurant.calls.get(at))).toList();
        int callsInHalfAMinute = 10 * 6 / 2; // 10 orders a minute, about 6 requests each
        int lastHalfMinute = restaurant.calls.size() - 2 * callsInHalfAMinute;
        assertThat(notAskedAgain).as("every one but those of the last half minute (retried after 30 s) is asked again")
                .allSatisfy(at -> assertThat(at).isGreaterThan(lastHalfMinute));
    }

    @Test
    void leavesAnOrderAloneOnceTheServerRefusedIt() {
        FakeRestaurant restaurant = new FakeRestaurant();
        UUID third = new UUID(0, 3);
        restaurant.trouble = call -> call.startsWith("status " + third)
                ? new RequestFailed("PATCH /api/v1/orders/{id}/status", 404, "ORDER_NOT_FOUND", "gone") : null;
        playUntil(open(restaurant, 10, 10, Set.of()), EVENING);

        assertThat(restaurant.calls).filteredOn(c -> c.contains(third.toString())).hasSize(1)
                .allSatisfy(c -> assertThat(c).startsWith("status " + third));
        assertThat(restaurant.count(OrderStatus.COMPLETED)).isGreaterThan(1000);
    }
}
