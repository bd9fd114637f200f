package com.restaurantos.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.Lock;

/** Runs work in one transaction: committed if it returns, rolled back if it throws. */
final class Transactions {
    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    /** Held by a write from before it takes a connection until it has ended; null where writes may overlap. */
    private final Lock writeTurn;

    /** @param writeTurn held by each write from its start to its end (see {@link Database}); null for none */
    Transactions(DataSource dataSource, Lock writeTurn) {
        this.dataSource = dataSource;
        this.writeTurn = writeTurn;
    }

    <T> T write(Work<T> work) {
        if (writeTurn == null) {
            return run(work, Connection.TRANSACTION_READ_COMMITTED, false);
        }
        // Taken before the connection, so that a write waiting for its turn holds none that readers need.
        writeTurn.lock();
        try {
            return run(work, Connection.TRANSACTION_READ_COMMITTED, false);
        } finally {
            writeTurn.unlock();
        }
    }

    /** A read that sees one snapshot, so that an order and its items always match. */
    <T> T read(Work<T> work) {
        return run(work, Connection.TRANSACTION_REPEATABLE_READ, true);
    }

    private <T> T run(Work<T> work, int isolation, boolean readOnly) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setTransactionIsolation(isolation);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A unique constraint refused the row (SQLSTATE 23505 on PostgreSQL and H2). */
    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /**
     * Another transaction changed the row first and the database refused ours rather than wait and re-check:
     * serialization failure or deadlock (40001, 40P01), or H2's "concurrent update" (90131).
     */
    static boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state) || e.getErrorCode() == 90131;
    }
}
