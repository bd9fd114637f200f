package com.restaurantos.store;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * The databases tests run on: a private H2 in memory, and the PostgreSQL that {@code TEST_DATABASE_URL} names
 * (in its own schema, dropped afterwards). Without {@code TEST_DATABASE_URL} the PostgreSQL tests are skipped,
 * except when {@code CI=true}: CI must not skip them silently.
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    public static DatabaseSettings h2() {
        return DatabaseSettings.inMemory("test-" + UUID.randomUUID());
    }

    public static DatabaseSettings postgres() {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("TEST_DATABASE_URL is not set but CI=true: .ci/run must start PostgreSQL"
                        + " (eval \"$(bash .ci/postgres.sh)\") so that the PostgreSQL tests run");
            }
            Assumptions.abort("TEST_DATABASE_URL is not set: PostgreSQL tests skipped (see .ci/postgres.sh)");
        }
        String schema = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new DatabaseSettings(url, System.getenv("TEST_DATABASE_USER"),
                System.getenv("TEST_DATABASE_PASSWORD"), 12, schema);
    }

    /** Drops the schema a PostgreSQL test created. */
    public static void dropSchema(DatabaseSettings settings) throws Exception {
        if (settings == null || !settings.isPostgres() || settings.schema() == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + settings.schema() + " CASCADE");
        }
    }
}
