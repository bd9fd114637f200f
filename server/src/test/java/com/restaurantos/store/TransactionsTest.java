package com.restaurantos.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Whether writes take turns: on H2 they must (see {@link Database#transactions()}), on PostgreSQL they overlap. */
class TransactionsTest {
    @Test
    void onH2AWriteWaitsUntilTheWriteUnderWayHasEnded() throws Exception {
        try (Database database = Database.open(TestDatabases.h2(), null)) {
            Transactions tx = database.transactions();
            CountDownLatch firstInside = new CountDownLatch(1);
            CountDownLatch releaseFirst = new CountDownLatch(1);
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> tx.write(connection -> {
                firstInside.countDown();
                waitFor(releaseFirst);
                return null;
            }));
            assertThat(firstInside.await(5, TimeUnit.SECONDS)).isTrue();

            AtomicBoolean secondRan = new AtomicBoolean();
            // From another repository of the same database: the turn is the database's.
            Transactions other = database.transactions();
            Thread second = new Thread(() -> other.write(connection -> {
                secondRan.set(true);
                return null;
            }), "second write");
            second.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> second.getState() == Thread.State.WAITING);
            assertThat(secondRan).as("the second write began while the first was under way").isFalse();
            assertThat(database.writesWaitingForTheirTurn()).isEqualTo(1);

            // A read does not wait for the turn.
            assertThat(tx.<Boolean>read(connection -> connection.isValid(1))).isTrue();

            releaseFirst.countDown();
            first.get(5, TimeUnit.SECONDS);
            second.join(5_000);
            assertThat(secondRan).isTrue();
        }
    }

    @Test
    void onPostgresWritesOverlap() throws Exception {
        DatabaseSettings postgres = TestDatabases.postgres();
        try (Database database = Database.open(postgres, null)) {
            Transactions tx = database.transactions();
            CyclicBarrier bothInside = new CyclicBarrier(2);
            Transactions.Work<Integer> meet = connection -> {
                try {
                    return bothInside.await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other write never began", e);
                }
            };
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> tx.write(meet));
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> tx.write(meet));
            assertThat(first.get(10, TimeUnit.SECONDS) + second.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            TestDatabases.dropSchema(postgres);
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
