package com.restaurantos.simulation;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Progress progress(boolean terminal) {
        return new Progress(new PrintWriter(out), new PrintWriter(err), terminal, Duration.ofHours(1), 60);
    }

    @Test
    void aLineSaysTheServiceTimeAndEveryCount() {
        assertThat(Progress.line(Duration.ofSeconds(3 * 3600 + 750), 60, new Tally.Counts(123, 20, 90, 5, 7, 2)))
                .isEqualTo("elapsed 3:12:30 (x60)  orders 123  active 20  completed 90  cancelled 5  alerts 7"
                        + "  HTTP errors 2");
        assertThat(Progress.line(Duration.ofSeconds(59), 1, new Tally.Counts(0, 0, 0, 0, 0, 0)))
                .startsWith("elapsed 0:00:59  orders 0");
        assertThat(Progress.line(Duration.ZERO, 0.5, new Tally.Counts(0, 0, 0, 0, 0, 0)))
                .startsWith("elapsed 0:00:00 (x0.5)  orders");
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlace() {
        Progress progress = progress(true);
        Tally tally = new Tally();
        progress.show(Duration.ofMinutes(1), Duration.ZERO, tally);
        tally.created(UUID.randomUUID());
        progress.finish(Duration.ofMinutes(2), tally);

        assertThat(out.toString()).startsWith("\relapsed 0:01:00 (x60)  orders 0").contains("\relapsed 0:02:00 (x60)"
                + "  orders 1").endsWith(System.lineSeparator()).doesNotContain("0" + System.lineSeparator() + "\r");
    }

    @Test
    void elsewhereOneLinePerInterval() {
        Progress progress = progress(false);
        Tally tally = new Tally();
        progress.show(Duration.ofMinutes(1), Duration.ZERO, tally);
        progress.show(Duration.ofMinutes(2), Duration.ZERO, tally);
        progress.finish(Duration.ofMinutes(3), tally);

        assertThat(out.toString().lines()).containsExactly(
                "elapsed 0:01:00 (x60)  orders 0  active 0  completed 0  cancelled 0  alerts 0  HTTP errors 0",
                "elapsed 0:03:00 (x60)  orders 0  active 0  completed 0  cancelled 0  alerts 0  HTTP errors 0");
        assertThat(out.toString()).doesNotContain("\r");
    }

    @Test
    void theFirstFailureOfEachKindIsToldAndAllAreCountedByKind() {
        Progress progress = progress(false);
        Tally tally = new Tally();
        tally.failed(new RequestFailed("PATCH /api/v1/orders/{id}/status", 409, "INVALID_TRANSITION", "ready to new"));
        tally.failed(new RequestFailed("PATCH /api/v1/orders/{id}/status", 409, "INVALID_TRANSITION", "again"));
        tally.failed(new RequestFailed("POST /api/v1/orders", 0, "ConnectException", "Connection refused"));
        progress.show(Duration.ofMinutes(1), Duration.ofSeconds(12), tally);
        progress.finish(Duration.ofMinutes(1), tally);

        assertThat(out.toString()).contains("HTTP errors 3  behind 12s");
        assertThat(err.toString().lines()).containsExactly(
                "HTTP error: 409 INVALID_TRANSITION on PATCH /api/v1/orders/{id}/status: ready to new (the next ones"
                        + " of this kind are only counted)",
                "HTTP error: no answer (ConnectException) on POST /api/v1/orders: Connection refused (the next ones"
                        + " of this kind are only counted)",
                "HTTP errors by kind:",
                "  409 INVALID_TRANSITION on PATCH /api/v1/orders/{id}/status: 2",
                "  no answer (ConnectException) on POST /api/v1/orders: 1",
                "The service ran up to 12 s behind its pace: the requests, one at a time, took longer than this"
                        + " --speed and --orders-per-minute allow.");
    }
}
