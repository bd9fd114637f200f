package com.restaurantos.orders;

import com.restaurantos.orders.DomainEvent.OrderCancelled;
import com.restaurantos.orders.DomainEvent.OrderCreated;
import com.restaurantos.orders.DomainEvent.OrderStatusChanged;
import com.restaurantos.orders.DomainEvent.OrderUpdated;
import com.restaurantos.orders.DomainEvent.TableCompleted;
import com.restaurantos.orders.DomainEvent.TableReady;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What can be done with orders, by REST and by socket alike: validate, authorize what the actor may see,
 * store, then publish the domain event once the change is committed.
 *
 * <p>Every change of one order runs under that order's lock, from reading it to publishing its event, so
 * the events of one order are published in commit order; a change of an order at a table also holds the
 * table's lock, so that {@link TableReady} is published exactly once, by the change that made it true.
 * The optimistic check of the repository (the order's version) still decides between concurrent changes
 * from different processes. Methods block on the repository: call them from a worker thread.
 */
public final class OrderService {
    private static final String TABLE_CLOSED = "table completed";
    private static final int ATTEMPTS = 5;
    private static final int MAX_WAITING = 10_000;

    private final OrderRepository orders;
    private final DomainEvents events;
    private final OrderSettings settings;
    private final Clock clock;
    private final Stripes orderLocks = new Stripes(256);
    private final Stripes tableLocks = new Stripes(64);

    public OrderService(OrderRepository orders, DomainEvents events, OrderSettings settings, Clock clock) {
        this.orders = Objects.requireNonNull(orders);
        this.events = Objects.requireNonNull(events);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Stores a new order (status {@code new}) with totals computed here and the day's next order number. */
    public Order create(Actor actor, UUID restaurantId, OrderDraft draft) {
        Validator check = new Validator();
        OrderType type = check.requiredEnum("type", draft.type(), OrderType.fromWire(draft.type()),
                OrderType::choices);
        String table = check.optionalText(Order.TABLE_NUMBER, draft.tableNumber(), Validator.MAX_TABLE);
        String customer = check.optionalText(Order.CUSTOMER_NAME, draft.customerName(), Validator.MAX_NAME);
        String notes = check.optionalText(Order.NOTES, draft.notes(), Validator.MAX_TEXT);
        List<OrderItem> items = check.items(Order.ITEMS, draft.items(), List.of());
        check.throwIfInvalid();

        Instant now = now();
        NewOrder order = new NewOrder(UUID.randomUUID(), restaurantId, LocalDate.ofInstant(now, settings.zone()),
                type, table, customer, items, Totals.of(items, settings.taxRate()), notes, actor.id(), now);
        return orderLocks.with(order.id(), () -> {
            Order stored = orders.insert(order);
            events.publish(new OrderCreated(stored));
            return stored;
        });
    }

    public Order get(Actor actor, UUID restaurantId, UUID orderId) {
        return visible(actor, restaurantId, orderId)
                .orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /** A page of the restaurant's orders (only their own for actors that see only their own), oldest first. */
    public OrderPage list(Actor actor, UUID restaurantId, OrderQuery query) {
        OrderQuery scoped = actor.ownOrdersOnly() ? query.createdBy(actor.id()) : query;
        return new OrderPage(orders.list(restaurantId, scoped), orders.count(restaurantId, scoped),
                scoped.limit(), scoped.offset());
    }

    /**
     * Active orders of every restaurant created before {@code before}, oldest first: the orders the
     * kitchen is late with. For the server's own alerts; at most {@link #MAX_WAITING} of them.
     */
    public List<Order> activeCreatedBefore(Instant before) {
        return orders.activeCreatedBefore(before, MAX_WAITING);
    }

    public List<StatusChange> history(Actor actor, UUID restaurantId, UUID orderId) {
        get(actor, restaurantId, orderId);
        return orders.history(restaurantId, orderId);
    }

    /**
     * Changes the items, table, customer or notes of an active order and publishes {@link OrderUpdated} with
     * the names of the fields that changed (none changed: nothing stored, nothing published).
     */
    public Order update(Actor actor, UUID restaurantId, UUID orderId, OrderPatch patch) {
        return orderLocks.with(orderId, () -> {
            for (int attempt = 1; ; attempt++) {
                Order current = get(actor, restaurantId, orderId);
                if (!current.status().isActive()) {
                    throw new InvalidTransitionException("order " + current.orderNumber() + " is "
                            + current.status() + " and can no longer be changed");
                }
                Validator check = new Validator();
                String table = edited(patch.tableNumber(), current.tableNumber(),
                        v -> check.optionalText(Order.TABLE_NUMBER, v, Validator.MAX_TABLE));
                String customer = edited(patch.customerName(), current.customerName(),
                        v -> check.optionalText(Order.CUSTOMER_NAME, v, Validator.MAX_NAME));
                String notes = edited(patch.notes(), current.notes(),
                        v -> check.optionalText(Order.NOTES, v, Validator.MAX_TEXT));
                List<OrderItem> items = edited(patch.items(), current.items(),
                        v -> check.items(Order.ITEMS, v, current.items()));
                check.throwIfInvalid();

                List<String> changes = new ArrayList<>();
                Totals totals = current.totals();
                if (!items.equals(current.items())) {
                    changes.add(Order.ITEMS);
                    totals = Totals.of(items, settings.taxRate());
                    addIfChanged(changes, Order.SUBTOTAL, current.totals().subtotal(), totals.subtotal());
                    addIfChanged(changes, Order.TAX, current.totals().tax(), totals.tax());
                    addIfChanged(changes, Order.TOTAL, current.totals().total(), totals.total());
                }
                addIfChanged(changes, Order.TABLE_NUMBER, current.tableNumber(), table);
                addIfChanged(changes, Order.CUSTOMER_NAME, current.customerName(), customer);
                addIfChanged(changes, Order.NOTES, current.notes(), notes);
                if (changes.isEmpty()) {
                    return current;
                }
                Order changed = current.withDetails(table, customer, items, totals, notes, now());
                Optional<Order> stored = orders.updateDetails(changed, current.version(), actor.id());
                if (stored.isPresent()) {
                    events.publish(new OrderUpdated(stored.get(), changes, actor.id()));
                    return stored.get();
                }
                if (attempt == ATTEMPTS) {
                    throw new InvalidTransitionException("order " + current.orderNumber()
                            + " keeps being changed by others; try again");
                }
            }
        });
    }

    /** Applies one transition of the contract's table; a concurrent change of the same order makes it fail. */
    public Order changeStatus(Actor actor, UUID restaurantId, UUID orderId, OrderStatus to) {
        return transition(actor, restaurantId, orderId, Objects.requireNonNull(to), null);
    }

    /** Cancels the order, recording the reason; publishes the status change, then {@link OrderCancelled}. */
    public Order cancel(Actor actor, UUID restaurantId, UUID orderId, String reason) {
        Validator check = new Validator();
        String why = check.optionalText("reason", reason, Validator.MAX_TEXT);
        check.throwIfInvalid();
        return transition(actor, restaurantId, orderId, OrderStatus.CANCELLED, why);
    }

    private Order transition(Actor actor, UUID restaurantId, UUID orderId, OrderStatus to, String reason) {
        return orderLocks.with(orderId, () -> {
            Order current = get(actor, restaurantId, orderId);
            if (!current.status().canBecome(to)) {
                throw new InvalidTransitionException("order " + current.orderNumber() + " cannot go from "
                        + current.status() + " to " + to);
            }
            Supplier<Order> change = () -> {
                Instant at = now();
                if (!orders.updateStatus(new StatusUpdate(restaurantId, orderId, current.version(),
                        current.status(), to, at, actor.id(), reason))) {
                    throw new InvalidTransitionException("order " + current.orderNumber()
                            + " was changed by someone else; it is no longer " + current.status());
                }
                Order stored = current.withStatus(to, at);
                publishStatusChange(current.status(), stored, at, actor, reason);
                boolean mayMakeTableReady = to == OrderStatus.READY
                        || (to == OrderStatus.CANCELLED && current.status() != OrderStatus.READY);
                if (stored.tableNumber() != null && mayMakeTableReady) {
                    publishIfTableReady(restaurantId, stored.tableNumber(), at);
                }
                return stored;
            };
            return current.tableNumber() == null ? change.get()
                    : tableLocks.with(tableKey(restaurantId, current.tableNumber()), change);
        });
    }

    /**
     * Closes a table: every active order at it becomes {@code completed}, whatever its status (the one path
     * that skips statuses; the history records it). Publishes each status change, then {@link TableCompleted}
     * if any order was completed.
     */
    public TableCompletion completeTable(Actor actor, UUID restaurantId, String tableNumber) {
        Validator check = new Validator();
        String table = check.requiredText("tableNumber", tableNumber, Validator.MAX_TABLE);
        check.throwIfInvalid();
        Instant at = now();
        OrderQuery atTable = OrderQuery.activeAt(table);
        List<Order> candidates = orders.list(restaurantId, actor.ownOrdersOnly() ? atTable.createdBy(actor.id())
                : atTable);
        List<Order> completed = new ArrayList<>();
        for (Order candidate : candidates) {
            orderLocks.with(candidate.id(), () -> tableLocks.with(tableKey(restaurantId, table), () -> {
                for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                    Optional<Order> current = visible(actor, restaurantId, candidate.id())
                            .filter(o -> o.status().isActive() && table.equals(o.tableNumber()));
                    if (current.isEmpty()) {
                        return null;
                    }
                    if (orders.updateStatus(new StatusUpdate(restaurantId, candidate.id(), current.get().version(),
                            current.get().status(), OrderStatus.COMPLETED, at, actor.id(), TABLE_CLOSED))) {
                        Order stored = current.get().withStatus(OrderStatus.COMPLETED, at);
                        publishStatusChange(current.get().status(), stored, at, actor, null);
                        completed.add(stored);
                        return null;
                    }
                }
                throw new InvalidTransitionException("order " + candidate.orderNumber()
                        + " keeps being changed by others; try again");
            }));
        }
        TableCompletion result = new TableCompletion(restaurantId, table, completed, at);
        if (!completed.isEmpty()) {
            events.publish(new TableCompleted(restaurantId, table, result.orderIds(), at, actor.id()));
        }
        return result;
    }

    private void publishStatusChange(OrderStatus previous, Order stored, Instant at, Actor actor, String reason) {
        events.publish(new OrderStatusChanged(stored.id(), previous, stored.status(), at, stored.restaurantId(),
                actor.id(), stored));
        if (stored.status() == OrderStatus.CANCELLED) {
            events.publish(new OrderCancelled(stored.id(), reason, at, stored.restaurantId(), actor.id(), stored));
        }
    }

    private void publishIfTableReady(UUID restaurantId, String table, Instant at) {
        List<Order> active = orders.list(restaurantId, OrderQuery.activeAt(table));
        if (!active.isEmpty() && active.stream().allMatch(o -> o.status() == OrderStatus.READY)) {
            events.publish(new TableReady(restaurantId, table, active.stream().map(Order::id).toList(), at));
        }
    }

    private Optional<Order> visible(Actor actor, UUID restaurantId, UUID orderId) {
        return orders.find(restaurantId, orderId)
                .filter(o -> !actor.ownOrdersOnly() || actor.id().equals(o.createdBy()));
    }

    private static <T, R> R edited(Edit<T> edit, R current, java.util.function.Function<T, R> check) {
        return edit instanceof Edit.Set<T> set ? check.apply(set.value()) : current;
    }

    private static void addIfChanged(List<String> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(field);
        }
    }

    private static String tableKey(UUID restaurantId, String table) {
        return restaurantId + "/" + table;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
