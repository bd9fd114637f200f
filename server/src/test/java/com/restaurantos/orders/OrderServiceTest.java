package com.restaurantos.orders;

import com.restaurantos.orders.DomainEvent.OrderCancelled;
import com.restaurantos.orders.DomainEvent.OrderCreated;
import com.restaurantos.orders.DomainEvent.OrderStatusChanged;
import com.restaurantos.orders.DomainEvent.OrderUpdated;
import com.restaurantos.orders.DomainEvent.TableCompleted;
import com.restaurantos.orders.DomainEvent.TableReady;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderServiceTest {
    private static final UUID RESTAURANT = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID OTHER = UUID.fromString("22222222-2222-2222-2222-222222222222");
    private static final Actor SERVER = Actor.staff("server-1");
    private static final Actor KITCHEN = Actor.staff("kitchen-1");

    private final InMemoryOrderRepository repository = new InMemoryOrderRepository();
    private final InProcessEvents events = new InProcessEvents();
    private final List<DomainEvent> published = Collections.synchronizedList(new ArrayList<>());
    private OrderService service;

    @BeforeEach
    void setUp() {
        events.subscribe(published::add);
        service = new OrderService(repository, events, OrderSettings.defaults(), Clock.systemUTC());
    }

    static ItemDraft item(String name, int quantity, String price) {
        return new ItemDraft(null, null, name, quantity, new BigDecimal(price), null, null, "kitchen");
    }

    static OrderDraft draft(String table, ItemDraft... items) {
        return new OrderDraft("dine-in", table, null, List.of(items), null);
    }

    private Order create(String table) {
        return service.create(SERVER, RESTAURANT, draft(table, item("Burger", 1, "10.00")));
    }

    @Test
    void createsANewOrderWithTotalsComputedFromItsItems() {
        Order order = service.create(SERVER, RESTAURANT, new OrderDraft("takeout", null, " Ada ",
                List.of(new ItemDraft(null, "m-1", "Burger", 2, new BigDecimal("12.5"),
                        List.of(new ItemDraft.ModifierDraft("bacon", new BigDecimal("1.25"))), "rare", "kitchen"),
                        item("Cola", 1, "2.00")), "no rush"));

        assertThat(order.status()).isEqualTo(OrderStatus.NEW);
        assertThat(order.type()).isEqualTo(OrderType.TAKEOUT);
        assertThat(order.customerName()).isEqualTo("Ada");
        assertThat(order.totals()).isEqualTo(new Totals(new BigDecimal("29.50"), new BigDecimal("2.07"),
                new BigDecimal("31.57")));
        assertThat(order.items().get(0).price()).isEqualTo(new BigDecimal("12.50"));
        assertThat(order.createdBy()).isEqualTo("server-1");
        assertThat(published).containsExactly(new OrderCreated(order));
        assertThat(repository.history(RESTAURANT, order.id())).hasSize(1);
    }

    @Test
    void refusesAnInvalidOrderNamingEveryBadFieldAndStoresNothing() {
        OrderDraft bad = new OrderDraft("boat", "x".repeat(21), null, List.of(
                new ItemDraft("not-a-uuid", null, "Burger", 0, new BigDecimal("-1"), null, null, "grill"),
                new ItemDraft(null, null, " ", 1000, new BigDecimal("1.234"),
                        List.of(new ItemDraft.ModifierDraft("", BigDecimal.ONE)), null, null)), null);

        assertThatThrownBy(() -> service.create(SERVER, RESTAURANT, bad))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.details()).containsOnlyKeys(
                        "type", "table_number", "items[0].id", "items[0].quantity", "items[0].price",
                        "items[0].station", "items[1].name", "items[1].quantity", "items[1].price",
                        "items[1].modifiers[0].name"));
        assertThat(published).isEmpty();
        assertThat(repository.count(RESTAURANT, OrderQuery.all())).isZero();
    }

    @Test
    void refusesAnOrderWithoutItemsOrType() {
        assertThatThrownBy(() -> service.create(SERVER, RESTAURANT, new OrderDraft(null, null, null, List.of(), null)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.details()).containsOnlyKeys("type", "items"));
    }

    @Test
    void refusesTwoItemsWithTheSameId() {
        String id = UUID.randomUUID().toString();
        ItemDraft a = new ItemDraft(id, null, "A", 1, BigDecimal.ONE, null, null, null);

        assertThatThrownBy(() -> service.create(SERVER, RESTAURANT, draft(null, a, a)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.details()).containsOnlyKeys("items[1].id"));
    }

    @Test
    void dealsOrderNumbersOutByTheBusinessDayOfTheRestaurantsTimeZone() {
        Clock lateEveningUtc = Clock.fixed(Instant.parse("2025-03-14T23:30:00Z"), ZoneOffset.UTC);
        for (String zone : List.of("UTC", "Pacific/Auckland", "America/Los_Angeles")) {
            new OrderService(repository, events, new OrderSettings(OrderSettings.DEFAULT_TAX_RATE, ZoneId.of(zone)),
                    lateEveningUtc).create(SERVER, RESTAURANT, draft(null, item("A", 1, "1.00")));
        }

        assertThat(repository.businessDays).containsExactly(LocalDate.of(2025, 3, 14), LocalDate.of(2025, 3, 15),
                LocalDate.of(2025, 3, 14));
    }

    @Test
    void movesThroughTheStatusesPublishingEachChangeWithItsActor() {
        Order order = create("1");
        published.clear();

        for (OrderStatus next : List.of(OrderStatus.CONFIRMED, OrderStatus.PREPARING, OrderStatus.READY,
                OrderStatus.PICKED_UP, OrderStatus.COMPLETED)) {
            service.changeStatus(KITCHEN, RESTAURANT, order.id(), next);
        }

        assertThat(published).filteredOn(OrderStatusChanged.class::isInstance)
                .extracting(e -> ((OrderStatusChanged) e).previous() + ">" + ((OrderStatusChanged) e).status())
                .containsExactly("new>confirmed", "confirmed>preparing", "preparing>ready", "ready>picked-up",
                        "picked-up>completed");
        assertThat(published).filteredOn(OrderStatusChanged.class::isInstance)
                .allSatisfy(e -> assertThat(((OrderStatusChanged) e).actor()).isEqualTo("kitchen-1"));
        assertThat(service.history(KITCHEN, RESTAURANT, order.id())).hasSize(6);
    }

    @Test
    void refusesATransitionTheContractDoesNotAllowAndChangesNothing() {
        Order order = create("1");
        published.clear();

        assertThatThrownBy(() -> service.changeStatus(KITCHEN, RESTAURANT, order.id(), OrderStatus.READY))
                .isInstanceOf(InvalidTransitionException.class)
                .hasMessageContaining("cannot go from new to ready");
        assertThat(service.get(KITCHEN, RESTAURANT, order.id()).status()).isEqualTo(OrderStatus.NEW);
        assertThat(published).isEmpty();
    }

    @Test
    void cancelsWithAReasonPublishingTheStatusChangeThenTheCancellation() {
        Order order = create("1");
        published.clear();

        Order cancelled = service.cancel(SERVER, RESTAURANT, order.id(), "guest left");

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(published).hasSize(2);
        assertThat(published.get(0)).isInstanceOfSatisfying(OrderStatusChanged.class,
                e -> assertThat(e.status()).isEqualTo(OrderStatus.CANCELLED));
        assertThat(published.get(1)).isInstanceOfSatisfying(OrderCancelled.class,
                e -> assertThat(e.reason()).isEqualTo("guest left"));
        assertThat(repository.history(RESTAURANT, order.id())).last()
                .extracting(StatusChange::reason).isEqualTo("guest left");
    }

    @Test
    void publishesTheCancellationAlsoWhenTheStatusIsSetToCancelled() {
        Order order = create("1");
        published.clear();

        service.changeStatus(KITCHEN, RESTAURANT, order.id(), OrderStatus.CANCELLED);

        assertThat(published).hasSize(2).last().isInstanceOf(OrderCancelled.class);
    }

    @Test
    void refusesToCancelACompletedOrder() {
        Order order = create("1");
        service.completeTable(SERVER, RESTAURANT, "1");

        assertThatThrownBy(() -> service.cancel(SERVER, RESTAURANT, order.id(), null))
                .isInstanceOf(InvalidTransitionException.class);
    }

    @Test
    void updatesDetailsAndNamesTheFieldsThatChanged() {
        Order order = create("1");
        published.clear();

        Order updated = service.update(SERVER, RESTAURANT, order.id(), new OrderPatch(
                Edit.set(List.of(item("Burger", 1, "10.00"), item("Fries", 1, "3.00"))), Edit.set("2"), Edit.keep(),
                Edit.set("allergic to nuts")));

        assertThat(updated.tableNumber()).isEqualTo("2");
        assertThat(updated.totals().subtotal()).isEqualByComparingTo("13.00");
        assertThat(updated.items().get(0).id()).as("an unchanged item keeps its id")
                .isEqualTo(order.items().get(0).id());
        assertThat(updated.version()).isEqualTo(order.version() + 1);
        assertThat(published).containsExactly(new OrderUpdated(updated,
                List.of("items", "subtotal", "tax", "total", "table_number", "notes"), "server-1"));
    }

    @Test
    void storesAndPublishesNothingWhenAnUpdateChangesNothing() {
        Order order = create("1");
        published.clear();

        Order same = service.update(SERVER, RESTAURANT, order.id(), new OrderPatch(
                Edit.set(List.of(item("Burger", 1, "10.00"))), Edit.set("1"), Edit.set(null), Edit.keep()));

        assertThat(same).isEqualTo(order);
        assertThat(published).isEmpty();
    }

    @Test
    void clearsOptionalFieldsSetToNullButRefusesToRemoveTheItems() {
        Order order = service.create(SERVER, RESTAURANT, new OrderDraft("dine-in", "4", "Bo",
                List.of(item("A", 1, "1.00")), "n"));

        Order cleared = service.update(SERVER, RESTAURANT, order.id(),
                new OrderPatch(Edit.keep(), Edit.set(null), Edit.set(null), Edit.set(" ")));

        assertThat(cleared.tableNumber()).isNull();
        assertThat(cleared.customerName()).isNull();
        assertThat(cleared.notes()).isNull();
        assertThatThrownBy(() -> service.update(SERVER, RESTAURANT, order.id(),
                new OrderPatch(Edit.set(null), Edit.keep(), Edit.keep(), Edit.keep())))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.details()).containsOnlyKeys("items"));
    }

    @Test
    void refusesToChangeTheDetailsOfAFinishedOrder() {
        Order order = create("1");
        service.cancel(SERVER, RESTAURANT, order.id(), null);

        assertThatThrownBy(() -> service.update(SERVER, RESTAURANT, order.id(),
                new OrderPatch(Edit.keep(), Edit.keep(), Edit.keep(), Edit.set("late"))))
                .isInstanceOf(InvalidTransitionException.class);
    }

    @Test
    void completesEveryActiveOrderOfATableSkippingStatusesAndRecordingIt() {
        Order fresh = create("7");
        Order cooking = create("7");
        service.changeStatus(KITCHEN, RESTAURANT, cooking.id(), OrderStatus.CONFIRMED);
        service.changeStatus(KITCHEN, RESTAURANT, cooking.id(), OrderStatus.PREPARING);
        Order gone = create("7");
        service.cancel(SERVER, RESTAURANT, gone.id(), null);
        Order elsewhere = create("8");
        published.clear();

        TableCompletion completion = service.completeTable(SERVER, RESTAURANT, "7");

        assertThat(completion.orderIds()).containsExactly(fresh.id(), cooking.id());
        assertThat(completion.orders()).allSatisfy(o -> assertThat(o.status()).isEqualTo(OrderStatus.COMPLETED));
        assertThat(service.get(SERVER, RESTAURANT, gone.id()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(service.get(SERVER, RESTAURANT, elsewhere.id()).status()).isEqualTo(OrderStatus.NEW);
        assertThat(repository.history(RESTAURANT, cooking.id())).last().isEqualTo(new StatusChange(
                OrderStatus.PREPARING, OrderStatus.COMPLETED, completion.completedAt(), "server-1", "table completed"));
        assertThat(published).hasSize(3);
        assertThat(published.subList(0, 2)).allSatisfy(e -> assertThat(e).isInstanceOf(OrderStatusChanged.class));
        assertThat(published.get(2)).isEqualTo(new TableCompleted(RESTAURANT, "7",
                List.of(fresh.id(), cooking.id()), completion.completedAt(), "server-1"));
    }

    @Test
    void completingATableWithoutActiveOrdersChangesAndPublishesNothing() {
        TableCompletion completion = service.completeTable(SERVER, RESTAURANT, "99");

        assertThat(completion.orders()).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void publishesTableReadyOnceWhenTheLastActiveOrderOfTheTableIsReady() {
        Order a = create("3");
        Order b = create("3");
        Order c = create("3");
        for (Order o : List.of(a, b, c)) {
            service.changeStatus(KITCHEN, RESTAURANT, o.id(), OrderStatus.CONFIRMED);
            service.changeStatus(KITCHEN, RESTAURANT, o.id(), OrderStatus.PREPARING);
        }
        service.changeStatus(KITCHEN, RESTAURANT, a.id(), OrderStatus.READY);
        service.changeStatus(KITCHEN, RESTAURANT, b.id(), OrderStatus.READY);
        assertThat(published).noneMatch(TableReady.class::isInstance);

        service.cancel(SERVER, RESTAURANT, c.id(), "out of fish");

        assertThat(published).filteredOn(TableReady.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((TableReady) e).orderIds()).containsExactly(a.id(), b.id()));
        service.changeStatus(KITCHEN, RESTAURANT, a.id(), OrderStatus.COMPLETED);
        assertThat(published).filteredOn(TableReady.class::isInstance).hasSize(1);
    }

    @Test
    void letsCustomersSeeAndTouchOnlyTheirOwnOrders() {
        Actor ada = new Actor("ada", true);
        Actor bob = new Actor("bob", true);
        Order adas = service.create(ada, RESTAURANT, draft(null, item("A", 1, "1.00")));
        Order bobs = service.create(bob, RESTAURANT, draft(null, item("B", 1, "1.00")));

        assertThat(service.list(ada, RESTAURANT, OrderQuery.all()).orders()).containsExactly(adas);
        assertThat(service.list(SERVER, RESTAURANT, OrderQuery.all()).orders()).containsExactly(adas, bobs);
        assertThatThrownBy(() -> service.get(ada, RESTAURANT, bobs.id())).isInstanceOf(OrderNotFoundException.class);
        assertThatThrownBy(() -> service.cancel(ada, RESTAURANT, bobs.id(), null))
                .isInstanceOf(OrderNotFoundException.class);
    }

    @Test
    void doesNotFindOrdersOfAnotherRestaurant() {
        Order order = create("1");

        assertThatThrownBy(() -> service.get(SERVER, OTHER, order.id())).isInstanceOf(OrderNotFoundException.class);
        assertThatThrownBy(() -> service.changeStatus(SERVER, OTHER, order.id(), OrderStatus.CONFIRMED))
                .isInstanceOf(OrderNotFoundException.class);
        assertThat(service.completeTable(SERVER, OTHER, "1").orders()).isEmpty();
        assertThat(service.get(SERVER, RESTAURANT, order.id()).status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void publishesTheEventsOfOneOrderInTheOrderItsChangesWereMade() throws Exception {
        List<OrderStatus> chain = List.of(OrderStatus.NEW, OrderStatus.CONFIRMED, OrderStatus.PREPARING,
                OrderStatus.READY, OrderStatus.PICKED_UP, OrderStatus.COMPLETED);
        for (int round = 0; round < 20; round++) {
            Order order = create(null);
            published.clear();
            int threads = 6;
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int step = 0; step < chain.size(); step++) {
                        OrderStatus now = service.get(KITCHEN, RESTAURANT, order.id()).status();
                        if (now == OrderStatus.COMPLETED) {
                            break;
                        }
                        try {
                            service.changeStatus(KITCHEN, RESTAURANT, order.id(),
                                    chain.get(chain.indexOf(now) + 1));
                        } catch (InvalidTransitionException lostTheRace) {
                            // another thread moved it first
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();

            assertThat(published).extracting(e -> ((OrderStatusChanged) e).status())
                    .containsExactlyElementsOf(chain.subList(1, chain.size()));
        }
    }

    @Test
    void raisesKitchenAlertsAfterCheckingThem() {
        KitchenAlerts alerts = new KitchenAlerts(service, events, Clock.systemUTC());
        Order order = create("1");
        published.clear();

        KitchenAlert alert = alerts.raise(KITCHEN, RESTAURANT, new AlertDraft("urgent", "86 the salmon", 5,
                order.id().toString(), "1", "kitchen"));

        assertThat(alert.station()).isEqualTo(Station.KITCHEN);
        assertThat(published).containsExactly(new DomainEvent.KitchenAlertRaised(alert));
        assertThatThrownBy(() -> alerts.raise(KITCHEN, RESTAURANT, new AlertDraft("panic", "", 6, "x", null, "grill")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.details())
                        .containsOnlyKeys("type", "message", "severity", "orderId", "station"));
        assertThatThrownBy(() -> alerts.raise(KITCHEN, OTHER, new AlertDraft("info", "hi", 1, order.id().toString(),
                null, null))).isInstanceOf(OrderNotFoundException.class);
        assertThat(published).hasSize(1);
    }

    @Test
    void keepsDeliveringToOtherListenersWhenOneFailsAndStopsAfterUnsubscribing() {
        List<DomainEvent> second = new ArrayList<>();
        events.subscribe(e -> {
            throw new IllegalStateException("broken listener");
        });
        DomainEvents.Subscription subscription = events.subscribe(second::add);

        create("1");
        subscription.close();
        create("2");

        assertThat(second).hasSize(1);
        assertThat(published).hasSize(2);
    }

    @Test
    void refusesATaxRateOutsideZeroToOne() {
        assertThatThrownBy(() -> new OrderSettings(new BigDecimal("7"), ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Map.of()).isEmpty();
    }
}
