package com.restaurantos.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The loss accounting of the soak: what a client must have received, given when it was in its rooms. */
class SoakReceiptsTest {
    private static final long S = 1_000_000_000L;
    private static final long GRACE = 5 * S;

    private final SoakLedger ledger = new SoakLedger(2);
    private final SoakReceipts receipts = new SoakReceipts(0);
    private int nextIndex;

    /** A call of restaurant 0 sent at {@code sentS} and answered 10 ms later. */
    private int call(double sentS, boolean ok) {
        long sent = (long) (sentS * S);
        int index = nextIndex++;
        ledger.answered(new Stamps.Op(-1, sent, 0, 0, index), ok, sent + 10_000_000L);
        return index;
    }

    @Test
    void aCallWhoseEventDidNotComeWhileTheClientWasInItsRoomIsMissed() {
        receipts.coverage().joined(1 * S, false);
        int received = call(2, true);
        call(3, true);
        receipts.mark(received);
        assertThat(receipts.check(ledger, 100 * S, GRACE)).isEqualTo(1);
        // Each call is checked once.
        assertThat(receipts.check(ledger, 200 * S, GRACE)).isZero();
    }

    @Test
    void waitsForTheGraceAndForCallsStillInFlight() {
        receipts.coverage().joined(1 * S, false);
        call(2, true);
        assertThat(receipts.check(ledger, 6 * S, GRACE)).isZero();
        assertThat(receipts.check(ledger, 8 * S, GRACE)).isEqualTo(1);
        // Index 1 sent but not answered: index 2 waits behind it.
        nextIndex++;
        call(9, true);
        assertThat(receipts.check(ledger, 100 * S, GRACE)).isZero();
        ledger.answered(new Stamps.Op(-1, (long) (8.5 * S), 0, 0, 1), true, 9 * S);
        assertThat(receipts.check(ledger, 100 * S, GRACE)).isEqualTo(2);
    }

    @Test
    void failedCallsAndCallsBeforeTheJoinOrAfterALossWithoutRecoveryAreNotExpected() {
        call(0.5, true);
        receipts.coverage().joined(1 * S, false);
        call(2, false);
        call(10, true);                     // answered 10.01 s: within the grace of the close at 12 s
        receipts.coverage().left(12 * S, false);
        call(13, true);                     // away, no recovery
        receipts.coverage().joined(14 * S, false);
        int after = call(15, true);
        receipts.mark(after);
        assertThat(receipts.check(ledger, 100 * S, GRACE)).isZero();
    }

    @Test
    void aRecoveredClientMustGetWhatWasSentWhileItWasAway() {
        receipts.coverage().joined(1 * S, false);
        receipts.coverage().left(10 * S, true);
        call(11, true);
        // Away and hoping to recover: nothing is decided yet.
        assertThat(receipts.check(ledger, 100 * S, GRACE)).isZero();
        receipts.coverage().joined(12 * S, true);
        assertThat(receipts.check(ledger, 100 * S, GRACE)).isEqualTo(1);
    }

    @Test
    void aRefusedRecoveryEndsTheWindowWhereTheConnectionWasLost() {
        receipts.coverage().joined(1 * S, false);
        int before = call(2, true);
        receipts.mark(before);
        receipts.coverage().left(10 * S, true);
        call(11, true);
        receipts.coverage().joined(12 * S, false);
        assertThat(receipts.check(ledger, 100 * S, GRACE)).isZero();
    }

    @Test
    void tellsADuplicate() {
        assertThat(receipts.mark(70)).isTrue();
        assertThat(receipts.mark(70)).isFalse();
        assertThat(receipts.mark(3)).isTrue();
    }
}
