package com.restaurantos.store;

import com.restaurantos.orders.Modifier;
import com.restaurantos.orders.NewOrder;
import com.restaurantos.orders.Order;
import com.restaurantos.orders.OrderItem;
import com.restaurantos.orders.OrderNumber;
import com.restaurantos.orders.OrderQuery;
import com.restaurantos.orders.OrderRepository;
import com.restaurantos.orders.OrderStatus;
import com.restaurantos.orders.OrderType;
import com.restaurantos.orders.StatusChange;
import com.restaurantos.orders.StatusUpdate;
import com.restaurantos.orders.Station;
import com.restaurantos.orders.Totals;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link OrderRepository} on JDBC; the same SQL for PostgreSQL and H2 (PostgreSQL mode). */
public final class JdbcOrderRepository implements OrderRepository {
    private static final String ORDER_COLUMNS = "id, restaurant_id, order_number, status, type, table_number,"
            + " customer_name, notes, subtotal, tax, total, created_by, created_at, updated_at, version";
    private static final int IN_CHUNK = 500;

    private final Transactions tx;

    public JdbcOrderRepository(Database database) {
        this.tx = database.transactions();
    }

    @Override
    public Order insert(NewOrder order) {
        return tx.write(connection -> {
            int sequence = nextSequence(connection, order.restaurantId(), order.businessDay());
            String number = OrderNumber.format(order.businessDay(), sequence);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (id, restaurant_id,"
                    + " order_number, business_day, status, type, table_number, customer_name, notes, subtotal, tax,"
                    + " total, created_by, updated_by, version, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
                int i = 0;
                insert.setObject(++i, order.id());
                insert.setObject(++i, order.restaurantId());
                insert.setString(++i, number);
                insert.setDate(++i, Date.valueOf(order.businessDay()));
                insert.setString(++i, OrderStatus.NEW.wire());
                insert.setString(++i, order.type().wire());
                insert.setString(++i, order.tableNumber());
                insert.setString(++i, order.customerName());
                insert.setString(++i, order.notes());
                insert.setBigDecimal(++i, order.totals().subtotal());
                insert.setBigDecimal(++i, order.totals().tax());
                insert.setBigDecimal(++i, order.totals().total());
                insert.setString(++i, order.createdBy());
                insert.setString(++i, order.createdBy());
                insert.setObject(++i, timestamp(order.createdAt()));
                insert.setObject(++i, timestamp(order.createdAt()));
                insert.executeUpdate();
            }
            insertItems(connection, order.id(), order.items());
            insertHistory(connection, order.id(), null, OrderStatus.NEW, order.createdAt(), order.createdBy(), null);
            return new Order(order.id(), order.restaurantId(), number, OrderStatus.NEW, order.type(),
                    order.tableNumber(), order.customerName(), order.items(), order.totals(), order.notes(),
                    order.createdBy(), order.createdAt(), order.createdAt(), 0);
        });
    }

    /**
     * The next number of the day, from a counter row locked by this transaction until it commits: concurrent
     * creators of the same restaurant and day wait for each other, so numbers are unique and without gaps
     * (a rolled back creation gives its number back).
     */
    private static int nextSequence(Connection connection, UUID restaurantId, LocalDate day) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            OptionalInt next = incrementCounter(connection, restaurantId, day);
            if (next.isPresent()) {
                return next.value;
            }
            Savepoint savepoint = connection.setSavepoint();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO order_number_counters (restaurant_id, business_day, last_value) VALUES (?, ?, 1)")) {
                insert.setObject(1, restaurantId);
                insert.setDate(2, Date.valueOf(day));
                insert.executeUpdate();
                connection.releaseSavepoint(savepoint);
                return 1;
            } catch (SQLException e) {
                // Another transaction created the day's counter first: roll back to before our insert and
                // increment theirs (now visible to a new statement once they have committed).
                connection.rollback(savepoint);
                if (!(Transactions.isUniqueViolation(e) || Transactions.isConflict(e)) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private record OptionalInt(boolean isPresent, int value) {
    }

    private static OptionalInt incrementCounter(Connection connection, UUID restaurantId, LocalDate day)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE order_number_counters"
                + " SET last_value = last_value + 1 WHERE restaurant_id = ? AND business_day = ?")) {
            update.setObject(1, restaurantId);
            update.setDate(2, Date.valueOf(day));
            if (update.executeUpdate() == 0) {
                return new OptionalInt(false, 0);
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT last_value FROM order_number_counters"
                + " WHERE restaurant_id = ? AND business_day = ?")) {
            select.setObject(1, restaurantId);
            select.setDate(2, Date.valueOf(day));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new OptionalInt(true, rs.getInt(1));
            }
        }
    }

    @Override
    public Optional<Order> find(UUID restaurantId, UUID orderId) {
        return tx.read(connection -> find(connection, restaurantId, orderId));
    }

    private static Optional<Order> find(Connection connection, UUID restaurantId, UUID orderId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + ORDER_COLUMNS
                + " FROM orders WHERE id = ? AND restaurant_id = ?")) {
            select.setObject(1, orderId);
            select.setObject(2, restaurantId);
            return withItems(connection, rows(select)).stream().findFirst();
        }
    }

    @Override
    public List<Order> list(UUID restaurantId, OrderQuery query) {
        return tx.read(connection -> {
            List<Object> params = new ArrayList<>();
            String where = where(restaurantId, query, params);
            try (PreparedStatement select = connection.prepareStatement("SELECT " + ORDER_COLUMNS + " FROM orders"
                    + where + " ORDER BY created_at, order_number, id LIMIT ? OFFSET ?")) {
                int i = bind(select, params);
                select.setInt(++i, query.limit());
                select.setInt(++i, query.offset());
                return withItems(connection, rows(select));
            }
        });
    }

    @Override
    public List<Order> activeCreatedBefore(Instant before, int limit) {
        return tx.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + ORDER_COLUMNS + " FROM orders"
                    + " WHERE status IN ('new', 'pending', 'confirmed', 'preparing', 'ready') AND created_at < ?"
                    + " ORDER BY created_at, id LIMIT ?")) {
                select.setObject(1, timestamp(before));
                select.setInt(2, limit);
                return withItems(connection, rows(select));
            }
        });
    }

    @Override
    public long count(UUID restaurantId, OrderQuery query) {
        return tx.read(connection -> {
            List<Object> params = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM orders"
                    + where(restaurantId, query, params))) {
                bind(select, params);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static String where(UUID restaurantId, OrderQuery query, List<Object> params) {
        StringBuilder where = new StringBuilder(" WHERE restaurant_id = ?");
        params.add(restaurantId);
        if (!query.statuses().isEmpty()) {
            where.append(" AND status IN (");
            for (OrderStatus status : query.statuses()) {
                where.append(params.size() > 1 ? ", ?" : "?");
                params.add(status.wire());
            }
            where.append(')');
        }
        if (query.type() != null) {
            where.append(" AND type = ?");
            params.add(query.type().wire());
        }
        if (query.tableNumber() != null) {
            where.append(" AND table_number = ?");
            params.add(query.tableNumber());
        }
        if (query.createdBy() != null) {
            where.append(" AND created_by = ?");
            params.add(query.createdBy());
        }
        return where.toString();
    }

    private static int bind(PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
        return params.size();
    }

    @Override
    public Optional<Order> updateDetails(Order changed, long expectedVersion, String actor) {
        return tx.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE orders SET table_number = ?,"
                    + " customer_name = ?, notes = ?, subtotal = ?, tax = ?, total = ?, updated_by = ?,"
                    + " updated_at = ?, version = version + 1 WHERE id = ? AND restaurant_id = ? AND version = ?")) {
                int i = 0;
                update.setString(++i, changed.tableNumber());
                update.setString(++i, changed.customerName());
                update.setString(++i, changed.notes());
                update.setBigDecimal(++i, changed.totals().subtotal());
                update.setBigDecimal(++i, changed.totals().tax());
                update.setBigDecimal(++i, changed.totals().total());
                update.setString(++i, actor);
                update.setObject(++i, timestamp(changed.updatedAt()));
                update.setObject(++i, changed.id());
                update.setObject(++i, changed.restaurantId());
                update.setLong(++i, expectedVersion);
                if (!applied(update)) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM order_items WHERE order_id = ?")) {
                delete.setObject(1, changed.id());
                delete.executeUpdate();
            }
            insertItems(connection, changed.id(), changed.items());
            return find(connection, changed.restaurantId(), changed.id());
        });
    }

    @Override
    public boolean updateStatus(StatusUpdate change) {
        return tx.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE orders SET status = ?,"
                    + " cancel_reason = CASE WHEN ? = 'cancelled' THEN ? ELSE cancel_reason END,"
                    + " updated_by = ?, updated_at = ?, version = version + 1"
                    + " WHERE id = ? AND restaurant_id = ? AND version = ? AND status = ?")) {
                int i = 0;
                update.setString(++i, change.to().wire());
                update.setString(++i, change.to().wire());
                update.setString(++i, change.reason());
                update.setString(++i, change.actor());
                update.setObject(++i, timestamp(change.at()));
                update.setObject(++i, change.orderId());
                update.setObject(++i, change.restaurantId());
                update.setLong(++i, change.expectedVersion());
                update.setString(++i, change.from().wire());
                if (!applied(update)) {
                    return false;
                }
            }
            insertHistory(connection, change.orderId(), change.from(), change.to(), change.at(), change.actor(),
                    change.reason());
            return true;
        });
    }

    /** Whether the guarded update changed its row; false if another transaction changed it first. */
    private static boolean applied(PreparedStatement update) throws SQLException {
        try {
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            if (Transactions.isConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<StatusChange> history(UUID restaurantId, UUID orderId) {
        return tx.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT h.from_status, h.to_status,"
                    + " h.changed_at, h.actor, h.reason FROM order_status_history h JOIN orders o ON o.id = h.order_id"
                    + " WHERE o.id = ? AND o.restaurant_id = ? ORDER BY h.id")) {
                select.setObject(1, orderId);
                select.setObject(2, restaurantId);
                List<StatusChange> history = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String from = rs.getString(1);
                        history.add(new StatusChange(from == null ? null : status(from), status(rs.getString(2)),
                                instant(rs, 3), rs.getString(4), rs.getString(5)));
                    }
                }
                return history;
            }
        });
    }

    private static void insertHistory(Connection connection, UUID orderId, OrderStatus from, OrderStatus to,
                                      Instant at, String actor, String reason) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO order_status_history"
                + " (order_id, from_status, to_status, changed_at, actor, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, orderId);
            insert.setString(2, from == null ? null : from.wire());
            insert.setString(3, to.wire());
            insert.setObject(4, timestamp(at));
            insert.setString(5, actor);
            insert.setString(6, reason);
            insert.executeUpdate();
        }
    }

    private static void insertItems(Connection connection, UUID orderId, List<OrderItem> items) throws SQLException {
        try (PreparedStatement item = connection.prepareStatement("INSERT INTO order_items (order_id, line_no, id,"
                + " menu_item_id, name, quantity, price, special_instructions, station)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement modifier = connection.prepareStatement("INSERT INTO order_item_modifiers"
                     + " (order_id, line_no, modifier_no, name, price) VALUES (?, ?, ?, ?, ?)")) {
            boolean anyModifier = false;
            for (int line = 0; line < items.size(); line++) {
                OrderItem it = items.get(line);
                item.setObject(1, orderId);
                item.setInt(2, line);
                item.setObject(3, it.id());
                item.setString(4, it.menuItemId());
                item.setString(5, it.name());
                item.setInt(6, it.quantity());
                item.setBigDecimal(7, it.price());
                item.setString(8, it.specialInstructions());
                if (it.station() == null) {
                    item.setNull(9, Types.VARCHAR);
                } else {
                    item.setString(9, it.station().wire());
                }
                item.addBatch();
                for (int m = 0; m < it.modifiers().size(); m++) {
                    modifier.setObject(1, orderId);
                    modifier.setInt(2, line);
                    modifier.setInt(3, m);
                    modifier.setString(4, it.modifiers().get(m).name());
                    modifier.setBigDecimal(5, it.modifiers().get(m).price());
                    modifier.addBatch();
                    anyModifier = true;
                }
            }
            item.executeBatch();
            if (anyModifier) {
                modifier.executeBatch();
            }
        }
    }

    /** An order row without its items yet. */
    private record Row(UUID id, UUID restaurantId, String number, OrderStatus status, OrderType type, String table,
                       String customer, String notes, Totals totals, String createdBy, Instant createdAt,
                       Instant updatedAt, long version) {
    }

    private static List<Row> rows(PreparedStatement select) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                // By position, in the order of ORDER_COLUMNS: a lookup by name costs a map per result set.
                rows.add(new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        status(rs.getString(4)), OrderType.fromWire(rs.getString(5)).orElseThrow(), rs.getString(6),
                        rs.getString(7), rs.getString(8),
                        new Totals(rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getBigDecimal(11)),
                        rs.getString(12), instant(rs, 13), instant(rs, 14), rs.getLong(15)));
            }
        }
        return rows;
    }

    private static List<Order> withItems(Connection connection, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<OrderItem>> items = new HashMap<>();
        for (int from = 0; from < rows.size(); from += IN_CHUNK) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + IN_CHUNK));
            items.putAll(items(connection, chunk.stream().map(Row::id).toList()));
        }
        List<Order> orders = new ArrayList<>(rows.size());
        for (Row r : rows) {
            orders.add(new Order(r.id, r.restaurantId, r.number, r.status, r.type, r.table, r.customer,
                    items.getOrDefault(r.id, List.of()), r.totals, r.notes, r.createdBy, r.createdAt, r.updatedAt,
                    r.version));
        }
        return orders;
    }

    /** An item of an order, as its modifiers name it. */
    private record Line(UUID orderId, int lineNo) {
    }

    private static Map<UUID, List<OrderItem>> items(Connection connection, List<UUID> orderIds) throws SQLException {
        String in = String.join(", ", java.util.Collections.nCopies(orderIds.size(), "?"));
        Map<Line, List<Modifier>> modifiers = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT order_id, line_no, name, price"
                + " FROM order_item_modifiers WHERE order_id IN (" + in + ") ORDER BY order_id, line_no, modifier_no")) {
            bind(select, new ArrayList<>(orderIds));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Line line = new Line(rs.getObject(1, UUID.class), rs.getInt(2));
                    modifiers.computeIfAbsent(line, k -> new ArrayList<>())
                            .add(new Modifier(rs.getString(3), rs.getBigDecimal(4)));
                }
            }
        }
        Map<UUID, List<OrderItem>> items = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT order_id, line_no, id, menu_item_id,"
                + " name, quantity, price, special_instructions, station FROM order_items WHERE order_id IN (" + in
                + ") ORDER BY order_id, line_no")) {
            bind(select, new ArrayList<>(orderIds));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID orderId = rs.getObject(1, UUID.class);
                    String station = rs.getString(9);
                    items.computeIfAbsent(orderId, k -> new ArrayList<>()).add(new OrderItem(
                            rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getInt(6),
                            rs.getBigDecimal(7), modifiers.getOrDefault(new Line(orderId, rs.getInt(2)), List.of()),
                            rs.getString(8), station == null ? null : Station.fromWire(station).orElseThrow()));
                }
            }
        }
        return items;
    }

    private static OrderStatus status(String wire) {
        return OrderStatus.fromWire(wire).orElseThrow(() -> new IllegalStateException("unknown status " + wire));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
