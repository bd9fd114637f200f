package com.restaurantos.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * When one soak client was in its rooms, as far as the client can tell: from each join's ack to the
 * next disconnect, a recovered reconnection continuing the window it left. An event must reach
 * the client when the call that caused it was sent inside a window, and answered at least
 * {@code grace} before the window ended: the server then broadcast it while the client was in the
 * room, with time to spare for it to arrive. Not thread-safe: its {@link SoakClient} guards it.
 */
final class Coverage {
    private static final long NONE = Long.MIN_VALUE;

    private final List<long[]> ended = new ArrayList<>();
    private long openSince = NONE;
    private long awaySince = NONE;

    /** The client's join was acknowledged; {@code recovered}: its session (rooms, missed events) was given back. */
    void joined(long nanos, boolean recovered) {
        if (awaySince != NONE && !recovered) {
            end(awaySince);
        }
        if (openSince == NONE) {
            openSince = nanos;
        }
        awaySince = NONE;
    }

    /**
     * The client lost its connection. With {@code mayRecover} the window stays open until the next
     * join says whether the session was recovered; else it ends now.
     */
    void left(long nanos, boolean mayRecover) {
        if (openSince == NONE) {
            return;
        }
        if (mayRecover) {
            awaySince = nanos;
        } else {
            end(nanos);
        }
    }

    /** Whether the client is away and hopes to recover: whether it missed something is not known yet. */
    boolean undecided() {
        return awaySince != NONE;
    }

    /**
     * Whether a client covered so far must have received the event of a call sent at {@code sent} and
     * answered at {@code answered}. While {@link #undecided()}, the open window counts as still open.
     */
    boolean expects(long sent, long answered, long grace) {
        if (openSince != NONE && openSince <= sent) {
            return true;
        }
        for (long[] w : ended) {
            if (w[0] <= sent && answered + grace <= w[1]) {
                return true;
            }
        }
        return false;
    }

    /** Forgets windows that ended before {@code nanos}: no call still to be checked falls in them. */
    void forgetBefore(long nanos) {
        ended.removeIf(w -> w[1] < nanos);
    }

    private void end(long nanos) {
        ended.add(new long[] {openSince, nanos});
        openSince = NONE;
        awaySince = NONE;
    }
}
