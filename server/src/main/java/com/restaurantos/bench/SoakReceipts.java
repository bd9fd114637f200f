package com.restaurantos.bench;

import java.util.Arrays;

/**
 * Which of its restaurant's calls one soak client received the event of, and what it missed: the
 * calls it was covered for ({@link Coverage}) whose event never came. Calls are checked in the
 * order they were sent, each once, when it can be decided. Not thread-safe: its {@link SoakClient}
 * guards it.
 */
final class SoakReceipts {
    private final int restaurant;
    private final Coverage coverage = new Coverage();
    private long[] received = new long[4];
    private int nextToCheck;

    SoakReceipts(int restaurant) {
        this.restaurant = restaurant;
    }

    Coverage coverage() {
        return coverage;
    }

    /** Notes the event of call {@code index}; false when it had come before. */
    boolean mark(int index) {
        int word = index >>> 6;
        if (word >= received.length) {
            received = Arrays.copyOf(received, Math.max(word + 1, received.length * 2));
        }
        long bit = 1L << index;
        boolean first = (received[word] & bit) == 0;
        received[word] |= bit;
        return first;
    }

    /**
     * Checks the calls from the first one not checked yet, as far as they were answered {@code grace}
     * before {@code now} and the client is not waiting to hear whether it recovered.
     *
     * @return how many of them succeeded, fell in the coverage, and whose event did not come
     */
    long check(SoakLedger ledger, long now, long grace) {
        long missed = 0;
        while (!coverage.undecided()) {
            SoakLedger.Call call = ledger.call(restaurant, nextToCheck);
            if (call == null || call.answeredNanos() + grace > now) {
                break;
            }
            if (call.ok() && coverage.expects(call.sentNanos(), call.answeredNanos(), grace) && !has(nextToCheck)) {
                missed++;
            }
            coverage.forgetBefore(call.sentNanos());
            nextToCheck++;
        }
        return missed;
    }

    private boolean has(int index) {
        int word = index >>> 6;
        return word < received.length && (received[word] & (1L << index)) != 0;
    }
}
