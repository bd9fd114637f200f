package com.restaurantos.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** The repository contract in memory, for testing the domain without I/O. */
final class InMemoryOrderRepository implements OrderRepository {
    private final Map<UUID, Order> orders = new LinkedHashMap<>();
    private final Map<UUID, List<StatusChange>> history = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();
    final List<LocalDate> businessDays = new ArrayList<>();

    @Override
    public synchronized Order insert(NewOrder o) {
        businessDays.add(o.businessDay());
        int sequence = counters.merge(o.restaurantId() + "/" + o.businessDay(), 1, Integer::sum);
        Order order = new Order(o.id(), o.restaurantId(), OrderNumber.format(o.businessDay(), sequence),
                OrderStatus.NEW, o.type(), o.tableNumber(), o.customerName(), o.items(), o.totals(), o.notes(),
                o.createdBy(), o.createdAt(), o.createdAt(), 0);
        orders.put(order.id(), order);
        history.computeIfAbsent(order.id(), k -> new ArrayList<>())
                .add(new StatusChange(null, OrderStatus.NEW, o.createdAt(), o.createdBy(), null));
        return order;
    }

    @Override
    public synchronized Optional<Order> find(UUID restaurantId, UUID orderId) {
        return Optional.ofNullable(orders.get(orderId)).filter(o -> o.restaurantId().equals(restaurantId));
    }

    private Stream<Order> matching(UUID restaurantId, OrderQuery q) {
        return orders.values().stream()
                .filter(o -> o.restaurantId().equals(restaurantId))
                .filter(o -> q.statuses().isEmpty() || q.statuses().contains(o.status()))
                .filter(o -> q.type() == null || q.type() == o.type())
                .filter(o -> q.tableNumber() == null || q.tableNumber().equals(o.tableNumber()))
                .filter(o -> q.createdBy() == null || q.createdBy().equals(o.createdBy()))
                .sorted(Comparator.comparing(Order::createdAt).thenComparing(Order::orderNumber));
    }

    @Override
    public synchronized List<Order> list(UUID restaurantId, OrderQuery q) {
        return matching(restaurantId, q).skip(q.offset()).limit(q.limit()).toList();
    }

    @Override
    public synchronized long count(UUID restaurantId, OrderQuery q) {
        return matching(restaurantId, q).count();
    }

    @Override
    public synchronized List<Order> activeCreatedBefore(Instant before, int limit) {
        return orders.values().stream()
                .filter(o -> o.status().isActive() && o.createdAt().isBefore(before))
                .sorted(Comparator.comparing(Order::createdAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<Order> updateDetails(Order changed, long expectedVersion, String actor) {
        Optional<Order> current = find(changed.restaurantId(), changed.id()).filter(o -> o.version() == expectedVersion);
        current.ifPresent(o -> orders.put(o.id(), changed));
        return current.map(o -> changed);
    }

    @Override
    public synchronized boolean updateStatus(StatusUpdate u) {
        Optional<Order> current = find(u.restaurantId(), u.orderId())
                .filter(o -> o.version() == u.expectedVersion() && o.status() == u.from());
        current.ifPresent(o -> {
            orders.put(o.id(), o.withStatus(u.to(), u.at()));
            history.get(o.id()).add(new StatusChange(u.from(), u.to(), u.at(), u.actor(), u.reason()));
        });
        return current.isPresent();
    }

    @Override
    public synchronized List<StatusChange> history(UUID restaurantId, UUID orderId) {
        return find(restaurantId, orderId).map(o -> List.copyOf(history.get(orderId))).orElse(List.of());
    }
}
