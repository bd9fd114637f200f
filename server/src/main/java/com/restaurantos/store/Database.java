package com.restaurantos.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/** The connection pool of the process, migrated to the current schema when opened. */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final DatabaseSettings settings;
    /** The turn write transactions take on H2, one at a time (see {@link #transactions()}); null on PostgreSQL. */
    private final ReentrantLock writeTurn;

    private Database(HikariDataSource dataSource, DatabaseSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.writeTurn = settings.isPostgres() ? null : new ReentrantLock(true);
    }

    /** Opens the pool and applies the migrations of {@code db/migration} that the database does not have yet. */
    public static Database open(DatabaseSettings settings, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("restaurant-os");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        config.setInitializationFailTimeout(Duration.ofSeconds(30).toMillis());
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (settings.schema() != null && settings.isPostgres()) {
            // In the startup packet: Hikari's setSchema would run SET search_path, which opens a transaction
            // that the pool then hands out as if it were idle.
            config.addDataSourceProperty("currentSchema", settings.schema());
        } else if (settings.schema() != null) {
            config.setSchema(settings.schema());
        }
        if (registry != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource, settings);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        log.info("database ready: {}", settings.safeUrl());
        return new Database(dataSource, settings);
    }

    private static void migrate(DataSource dataSource, DatabaseSettings settings) {
        var flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true);
        if (settings.schema() != null) {
            flyway.schemas(settings.schema()).defaultSchema(settings.schema()).createSchemas(true);
        }
        var result = flyway.load().migrate();
        if (result.migrationsExecuted > 0) {
            log.info("database migrated to version {} ({} migrations)", result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /**
     * Transactions on this database. On H2 the writes take turns: H2 saves its file from the thread that commits,
     * table by table, while other transactions may be half-way through their own commit, and after a crash it
     * treats a change whose commit record is missing from that save as never made. Two writes committing side by
     * side could then come back after a SIGKILL as half of one (an order's new status without its history entry).
     * PostgreSQL's write-ahead log makes every commit whole, so there writes overlap.
     */
    Transactions transactions() {
        return new Transactions(dataSource, writeTurn);
    }

    /** The write transactions waiting for their turn: always 0 on PostgreSQL, where writes do not take turns. */
    public int writesWaitingForTheirTurn() {
        return writeTurn == null ? 0 : writeTurn.getQueueLength();
    }

    /** Whether a connection can be had and answers within the timeout. Blocks: not on an event loop. */
    public boolean isReachable(Duration timeout) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException e) {
            log.warn("database unreachable: {}", e.getMessage());
            return false;
        }
    }

    /**
     * Waits until no connection of the pool is in use and no write waits for its turn, that is until the
     * transactions under way have ended, for at most the timeout. Blocks: not on an event loop. Returns whether
     * the database is idle.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (dataSource.getHikariPoolMXBean().getActiveConnections() > 0 || writesWaitingForTheirTurn() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
