package com.restaurantos.e2e;

import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.TokenMinter;
import com.restaurantos.store.DatabaseSettings;
import com.restaurantos.store.TestDatabases;
import com.restaurantos.testing.OrderTraffic;
import com.restaurantos.testing.Rest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server process killed with SIGKILL while terminals stream creations and status changes loses nothing it
 * acknowledged and leaves nothing half-written: after a restart on the same database, every order a terminal was
 * told about is there with all its items, its totals add up, its status is the last acknowledged one (or the one
 * that was under way) and its history leads to that status. On the embedded H2 file database and on PostgreSQL
 * ({@code TEST_DATABASE_URL}; skipped without it, except that CI must have it).
 */
class DurabilityIT {
    static final UUID RESTAURANT = UUID.fromString("33333333-3333-3333-3333-333333333333");
    private static final int ACKNOWLEDGED_BEFORE_KILL = 200;

    static String token() {
        return new TokenMinter(AuthSettings.of(new KeySource.Secret(ServerProcess.SECRET)), Clock.systemUTC())
                .mint("durability", "manager", RESTAURANT, List.of(), List.of(), Duration.ofHours(1));
    }

    @Test
    void losesNothingAcknowledgedWhenKilledMidStreamOnH2(@TempDir Path dir) throws Exception {
        killMidStreamAndCheck("h2", dir, Map.of("DATA_DIR", dir.resolve("data").toString()));
    }

    @Test
    void losesNothingAcknowledgedWhenKilledMidStreamOnPostgres(@TempDir Path dir) throws Exception {
        DatabaseSettings postgres = TestDatabases.postgres();
        try (Connection c = DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + postgres.schema());
        }
        try {
            String url = postgres.url() + (postgres.url().contains("?") ? "&" : "?") + "currentSchema="
                    + postgres.schema();
            killMidStreamAndCheck("postgres", dir, Map.of("DATA_DIR", dir.resolve("data").toString(),
                    "DATABASE_URL", url, "DATABASE_USER", postgres.user(), "DATABASE_PASSWORD", postgres.password()));
        } finally {
            TestDatabases.dropSchema(postgres);
        }
    }

    private void killMidStreamAndCheck(String database, Path dir, Map<String, String> env) throws Exception {
        int port = ServerProcess.freePort();
        OrderTraffic traffic = new OrderTraffic("kill-" + database, 8);
        long started = System.nanoTime();
        OrderTraffic.Counts counts;
        try (ServerProcess server = ServerProcess.start(port, dir, env)) {
            traffic.start(new Rest(server.url(), token()));
            traffic.awaitAcknowledged(ACKNOWLEDGED_BEFORE_KILL, 60_000);
            server.kill();
            counts = traffic.stop();
        }
        assertThat(traffic.refused()).as("answers other than 2xx before the kill").isEmpty();
        assertThat(counts.unanswered()).as("requests under way when the process died").isPositive();

        try (ServerProcess restarted = ServerProcess.start(ServerProcess.freePort(), dir, env)) {
            OrderTraffic.Verified verified = traffic.verify(new Rest(restarted.url(), token()));

            assertThat(verified.acknowledgedCreates()).isEqualTo(counts.creates());
            assertThat(verified.acknowledgedChanges()).isEqualTo(counts.statusChanges());
            System.out.printf("# durability on %s: SIGKILL after %d acknowledged writes (%d creates, %d status"
                            + " changes) from 8 terminals, %d requests under way; after the restart %d orders with %d"
                            + " items and %d history entries checked, all acknowledged writes there; of the writes"
                            + " under way %d were applied whole and %d not at all; %d ms%n", database,
                    counts.acknowledged(), counts.creates(), counts.statusChanges(), counts.unanswered(),
                    verified.orders(), verified.items(), verified.historyEntries(), verified.inFlightApplied(),
                    verified.inFlightNotApplied(), (System.nanoTime() - started) / 1_000_000);
        }
    }
}
