package com.restaurantos.store;

import com.restaurantos.orders.Actor;
import com.restaurantos.orders.InProcessEvents;
import com.restaurantos.orders.InvalidTransitionException;
import com.restaurantos.orders.NewOrder;
import com.restaurantos.orders.Order;
import com.restaurantos.orders.OrderQuery;
import com.restaurantos.orders.OrderService;
import com.restaurantos.orders.OrderSettings;
import com.restaurantos.orders.OrderStatus;
import com.restaurantos.orders.OrderType;
import com.restaurantos.orders.StatusChange;
import com.restaurantos.orders.StatusUpdate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link JdbcOrderRepository} database must do alike; subclasses name the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderRepositoryContract {
    private static final LocalDate DAY = LocalDate.of(2025, 3, 14);

    private DatabaseSettings settings;
    private Database database;
    JdbcOrderRepository repository;

    abstract DatabaseSettings settings();

    @BeforeAll
    void open() {
        settings = settings();
        database = Database.open(settings, null);
        repository = new JdbcOrderRepository(database);
    }

    @AfterAll
    void close() throws Exception {
        if (database != null) {
            database.close();
        }
        TestDatabases.dropSchema(settings);
    }

    @Test
    void storesAnOrderWithItemsAndModifiersAndReadsItBackUnchanged() {
        UUID restaurant = UUID.randomUUID();
        NewOrder draft = Fixtures.newOrder(restaurant, "12");

        Order stored = repository.insert(draft);

        assertThat(stored.status()).isEqualTo(OrderStatus.NEW);
        assertThat(stored.version()).isZero();
        assertThat(repository.find(restaurant, draft.id())).contains(stored);
        Order found = repository.find(restaurant, draft.id()).orElseThrow();
        assertThat(found.items()).isEqualTo(draft.items());
        assertThat(found.items().get(0).modifiers()).hasSize(2);
        assertThat(found.totals()).isEqualTo(draft.totals());
        assertThat(found.createdAt()).isEqualTo(draft.createdAt());
    }

    @Test
    void numbersOrdersFromOnePerRestaurantAndPerDay() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Instant at = Instant.now();

        String a1 = repository.insert(Fixtures.newOrder(first, DAY, null, at)).orderNumber();
        String a2 = repository.insert(Fixtures.newOrder(first, DAY, null, at)).orderNumber();
        String b1 = repository.insert(Fixtures.newOrder(second, DAY, null, at)).orderNumber();
        String a3NextDay = repository.insert(Fixtures.newOrder(first, DAY.plusDays(1), null, at)).orderNumber();

        assertThat(List.of(a1, a2, b1, a3NextDay))
                .containsExactly("20250314-0001", "20250314-0002", "20250314-0001", "20250315-0001");
    }

    @Test
    void neverReturnsAnOrderOfAnotherRestaurant() {
        UUID owner = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Order order = repository.insert(Fixtures.newOrder(owner, "1"));

        assertThat(repository.find(other, order.id())).isEmpty();
        assertThat(repository.list(other, OrderQuery.all())).isEmpty();
        assertThat(repository.count(other, OrderQuery.all())).isZero();
        assertThat(repository.history(other, order.id())).isEmpty();
        assertThat(repository.updateStatus(new StatusUpdate(other, order.id(), 0, OrderStatus.NEW,
                OrderStatus.CANCELLED, Instant.now(), "intruder", null))).isFalse();
        assertThat(repository.updateDetails(withNotes(order, other, "hacked"), 0, "intruder")).isEmpty();
        assertThat(repository.find(owner, order.id())).contains(order);
    }

    @Test
    void listsByStatusTypeAndTableOldestFirstWithLimitAndOffset() {
        UUID restaurant = UUID.randomUUID();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Order o1 = repository.insert(Fixtures.newOrder(restaurant, DAY, "1", t0));
        Order o2 = repository.insert(Fixtures.newOrder(restaurant, DAY, "2", t0.plusSeconds(1)));
        Order o3 = repository.insert(Fixtures.newOrder(restaurant, DAY, "1", t0.plusSeconds(2)));
        Order o4 = repository.insert(Fixtures.newOrder(restaurant, DAY, null, t0.plusSeconds(3)));
        assertThat(repository.updateStatus(new StatusUpdate(restaurant, o2.id(), 0, OrderStatus.NEW,
                OrderStatus.CONFIRMED, t0.plusSeconds(4), "kitchen", null))).isTrue();

        assertThat(ids(repository.list(restaurant, OrderQuery.all()))).containsExactly(o1.id(), o2.id(), o3.id(),
                o4.id());
        assertThat(ids(repository.list(restaurant, OrderQuery.all().withStatuses(Set.of(OrderStatus.NEW)))))
                .containsExactly(o1.id(), o3.id(), o4.id());
        assertThat(ids(repository.list(restaurant, OrderQuery.activeAt("1")))).containsExactly(o1.id(), o3.id());
        OrderQuery page = new OrderQuery(Set.of(), OrderType.DINE_IN, null, null, 2, 1);
        assertThat(ids(repository.list(restaurant, page))).containsExactly(o2.id(), o3.id());
        assertThat(repository.count(restaurant, page)).isEqualTo(4);
        assertThat(repository.list(restaurant, new OrderQuery(Set.of(), OrderType.KIOSK, null, null, 10, 0)))
                .isEmpty();
        assertThat(ids(repository.list(restaurant, new OrderQuery(Set.of(), null, null, "server-1", 10, 3))))
                .containsExactly(o4.id());
    }

    @Test
    void changesStatusOnlyFromTheExpectedVersionAndRecordsTheHistory() {
        UUID restaurant = UUID.randomUUID();
        Order order = repository.insert(Fixtures.newOrder(restaurant, "5"));
        Instant at = order.createdAt().plusSeconds(60);

        boolean confirmed = repository.updateStatus(new StatusUpdate(restaurant, order.id(), 0, OrderStatus.NEW,
                OrderStatus.CONFIRMED, at, "kitchen-1", null));
        boolean stale = repository.updateStatus(new StatusUpdate(restaurant, order.id(), 0, OrderStatus.NEW,
                OrderStatus.CANCELLED, at, "kitchen-2", "too late"));

        assertThat(confirmed).isTrue();
        assertThat(stale).isFalse();
        Order stored = repository.find(restaurant, order.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.updatedAt()).isEqualTo(at);
        assertThat(repository.history(restaurant, order.id())).containsExactly(
                new StatusChange(null, OrderStatus.NEW, order.createdAt(), "server-1", null),
                new StatusChange(OrderStatus.NEW, OrderStatus.CONFIRMED, at, "kitchen-1", null));
    }

    @Test
    void recordsTheReasonOfACancellation() {
        UUID restaurant = UUID.randomUUID();
        Order order = repository.insert(Fixtures.newOrder(restaurant, "5"));
        Instant at = order.createdAt().plusSeconds(1);

        assertThat(repository.updateStatus(new StatusUpdate(restaurant, order.id(), 0, OrderStatus.NEW,
                OrderStatus.CANCELLED, at, "manager", "guest left"))).isTrue();

        assertThat(repository.history(restaurant, order.id())).last()
                .isEqualTo(new StatusChange(OrderStatus.NEW, OrderStatus.CANCELLED, at, "manager", "guest left"));
    }

    @Test
    void replacesDetailsOnlyFromTheExpectedVersion() {
        UUID restaurant = UUID.randomUUID();
        Order order = repository.insert(Fixtures.newOrder(restaurant, "5"));
        Order changed = new Order(order.id(), restaurant, order.orderNumber(), order.status(), order.type(), "6",
                null, List.of(Fixtures.beer()), com.restaurantos.orders.Totals.of(List.of(Fixtures.beer()),
                Fixtures.TAX), "moved", order.createdBy(), order.createdAt(), order.createdAt().plusSeconds(5), 1);

        Order stored = repository.updateDetails(changed, 0, "server-2").orElseThrow();
        Optional<Order> stale = repository.updateDetails(changed, 0, "server-3");

        assertThat(stored).isEqualTo(changed);
        assertThat(repository.find(restaurant, order.id())).contains(changed);
        assertThat(stale).isEmpty();
    }

    @Test
    void givesUniqueConsecutiveNumbersToOrdersCreatedInParallel() throws Exception {
        UUID restaurant = UUID.randomUUID();
        int threads = 8;
        int perThread = 15;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Callable<List<String>>> creators = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            creators.add(() -> {
                start.await(10, TimeUnit.SECONDS);
                List<String> numbers = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    numbers.add(repository.insert(Fixtures.newOrder(restaurant, DAY, null, Instant.now()))
                            .orderNumber());
                }
                return numbers;
            });
        }

        List<String> numbers = runAll(creators).stream().flatMap(List::stream).toList();

        List<String> expected = IntStream.rangeClosed(1, threads * perThread)
                .mapToObj(n -> String.format("20250314-%04d", n)).toList();
        assertThat(numbers).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void letsExactlyOneOfParallelStatusChangesFromTheSameStateWin() throws Exception {
        UUID restaurant = UUID.randomUUID();
        for (int round = 0; round < 10; round++) {
            Order order = repository.insert(Fixtures.newOrder(restaurant, null));
            int threads = 6;
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Callable<Optional<OrderStatus>>> changers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                OrderStatus to = t % 2 == 0 ? OrderStatus.CONFIRMED : OrderStatus.CANCELLED;
                String actor = "device-" + t;
                changers.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    boolean won = repository.updateStatus(new StatusUpdate(restaurant, order.id(), 0,
                            OrderStatus.NEW, to, Instant.now().truncatedTo(ChronoUnit.MILLIS), actor, null));
                    return won ? Optional.of(to) : Optional.empty();
                });
            }

            List<Optional<OrderStatus>> results = runAll(changers);

            List<OrderStatus> winners = results.stream().flatMap(Optional::stream).toList();
            assertThat(winners).hasSize(1);
            Order stored = repository.find(restaurant, order.id()).orElseThrow();
            assertThat(stored.version()).isEqualTo(1);
            assertThat(stored.status()).isEqualTo(winners.get(0));
            assertThat(repository.history(restaurant, order.id())).hasSize(2);
        }
    }

    @Test
    void serviceAnswersStatusChangesWithTheOrderAsStored() {
        // The service builds the changed order from the version it checked instead of reading it again.
        OrderService service = new OrderService(repository, new InProcessEvents(), OrderSettings.defaults(),
                Clock.systemUTC());
        UUID restaurant = UUID.randomUUID();
        Order order = repository.insert(Fixtures.newOrder(restaurant, "9"));

        Order confirmed = service.changeStatus(Actor.staff("kitchen"), restaurant, order.id(), OrderStatus.CONFIRMED);
        assertThat(repository.find(restaurant, order.id())).contains(confirmed);
        Order cancelled = service.cancel(Actor.staff("manager"), restaurant, order.id(), "guest left");
        assertThat(repository.find(restaurant, order.id())).contains(cancelled);
        Order other = repository.insert(Fixtures.newOrder(restaurant, "9"));
        List<Order> completed = service.completeTable(Actor.staff("server"), restaurant, "9").orders();
        assertThat(completed).containsExactly(repository.find(restaurant, other.id()).orElseThrow());
    }

    @Test
    void servicesOfTwoProcessesOnOneDatabaseLetExactlyOneTransitionWin() throws Exception {
        // Two services do not share their in-process locks, as two server processes would not:
        // only the database's optimistic check decides.
        OrderService nodeA = new OrderService(repository, new InProcessEvents(), OrderSettings.defaults(),
                Clock.systemUTC());
        OrderService nodeB = new OrderService(repository, new InProcessEvents(), OrderSettings.defaults(),
                Clock.systemUTC());
        UUID restaurant = UUID.randomUUID();
        for (int round = 0; round < 10; round++) {
            Order order = repository.insert(Fixtures.newOrder(restaurant, null));
            CyclicBarrier start = new CyclicBarrier(2);
            List<Callable<Object>> changers = List.of(
                    () -> attempt(start, () -> nodeA.changeStatus(Actor.staff("a"), restaurant, order.id(),
                            OrderStatus.CONFIRMED)),
                    () -> attempt(start, () -> nodeB.changeStatus(Actor.staff("b"), restaurant, order.id(),
                            OrderStatus.CONFIRMED)));

            List<Object> results = runAll(changers);

            assertThat(results).filteredOn(Order.class::isInstance).hasSize(1);
            assertThat(results).filteredOn(InvalidTransitionException.class::isInstance).hasSize(1);
        }
    }

    private static Object attempt(CyclicBarrier start, Callable<Order> change) throws Exception {
        start.await(10, TimeUnit.SECONDS);
        try {
            return change.call();
        } catch (InvalidTransitionException e) {
            return e;
        }
    }

    @Test
    void refusesAnUnknownDatabaseUrl() {
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:mysql://x/y", null, null, 1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isReachableWhileOpen() {
        assertThat(database.isReachable(java.time.Duration.ofSeconds(2))).isTrue();
    }

    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<UUID> ids(List<Order> orders) {
        return orders.stream().map(Order::id).toList();
    }

    private static Order withNotes(Order o, UUID restaurantId, String notes) {
        return new Order(o.id(), restaurantId, o.orderNumber(), o.status(), o.type(), o.tableNumber(),
                o.customerName(), o.items(), o.totals(), notes, o.createdBy(), o.createdAt(), o.updatedAt(),
                o.version() + 1);
    }
}
