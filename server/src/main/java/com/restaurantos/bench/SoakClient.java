package com.restaurantos.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One client of the soak, across its connections: a kitchen display in its restaurant's room, a
 * station's screen, or a screen that asked for batching; a share of them drop their connection now
 * and then and come back, asking for connection state recovery ({@code pid} and the last offset)
 * or catching up with {@code orders:sync}. It is the listener of its connections: it passes what the
 * {@link Fleet} counts on to it, notes which of its restaurant's calls it received, and when it was
 * in its rooms ({@link Coverage}), so that {@link #check} can tell what it missed.
 */
final class SoakClient implements ConnectionListener {
    enum Kind { ROOM, STATION, BATCH }

    enum Churn { NONE, RECOVER, SYNC }

    private static final String[] STATIONS = {"kitchen", "bar", "expo"};
    private static final int SYNC_ACK_ID = 2;
    /** How long a client waits before reconnecting after an unexpected close or a failed attempt. */
    private static final long RETRY_NANOS = 1_000_000_000L;

    private enum Phase { CONNECTING, UP, AWAY }

    private final int restaurant;
    private final Kind kind;
    private final Churn churn;
    private final BenchClient client;
    private final Fleet fleet;
    private final Stamps stamps;
    private final SoakTally.Loops tallies;
    private final Greeting fresh;
    private final SplittableRandom random;
    private final long churnPeriodNanos;

    // Guarded by this.
    private Phase phase = Phase.CONNECTING;
    private BenchConnection connection;
    private long dueNanos = Long.MAX_VALUE;
    private boolean dropping;
    private boolean joinedBefore;
    private String pid;
    private String offset;
    private boolean askedRecovery;
    private boolean recovered;
    private final SoakReceipts receipts;

    SoakClient(int restaurant, Kind kind, Churn churn, BenchClient client, Fleet fleet, Stamps stamps,
               SoakTally.Loops tallies, SplittableRandom random, long churnPeriodNanos) {
        this.restaurant = restaurant;
        this.kind = kind;
        this.churn = churn;
        this.client = client;
        this.fleet = fleet;
        this.stamps = stamps;
        this.tallies = tallies;
        this.random = random;
        this.churnPeriodNanos = churnPeriodNanos;
        this.receipts = new SoakReceipts(restaurant);
        ClientConfig config = client.config();
        String id = config.restaurantId(restaurant);
        byte[] join = switch (kind) {
            case ROOM -> Wire.joinRestaurant(id);
            case STATION -> Wire.joinStation(id, STATIONS[random.nextInt(STATIONS.length)]);
            case BATCH -> Wire.joinRestaurantBatched(id);
        };
        this.fresh = new Greeting(Wire.connect(config.token(restaurant)), join);
    }

    Kind kind() {
        return kind;
    }

    Churn churn() {
        return churn;
    }

    /** What kind of client it is, for the count of missed events by kind: {@code batch/recover}. */
    String describe() {
        return kind.name().toLowerCase(Locale.ROOT) + "/" + churn.name().toLowerCase(Locale.ROOT);
    }

    /** Opens a connection: a new session, or the recovery of the last one when this client may ask for it. */
    synchronized void connect() {
        phase = Phase.CONNECTING;
        askedRecovery = churn != Churn.SYNC && pid != null && offset != null;
        recovered = false;
        Greeting greeting = askedRecovery
                ? new Greeting(Wire.connect(client.config().token(restaurant), pid, offset), fresh.join()) : fresh;
        connection = client.open(restaurant, greeting, this);
    }

    /** What the churn should do with this client now. */
    enum Due { NOTHING, DROP, RECONNECT }

    /** Whether a churning client's time to {@link #drop} has come, or an away client's time to reconnect. */
    synchronized Due due(long now) {
        if (now < dueNanos) {
            return Due.NOTHING;
        }
        if (phase == Phase.UP) {
            return Due.DROP;
        }
        return phase == Phase.AWAY ? Due.RECONNECT : Due.NOTHING;
    }

    /** Closes the connection on purpose, as a screen whose network drops; it reconnects after a short while. */
    void drop() {
        BenchConnection c;
        synchronized (this) {
            if (phase != Phase.UP) {
                return;
            }
            dropping = true;
            dueNanos = Long.MAX_VALUE;
            c = connection;
        }
        fleet.close(c);
    }

    /** Checks what it received so far (see {@link SoakReceipts#check}); returns how many events it missed. */
    synchronized long check(SoakLedger ledger, long now, long grace) {
        return receipts.check(ledger, now, grace);
    }

    // ---- ConnectionListener (on the connection's event loop) -------------------------------

    @Override
    public void ready(BenchConnection c, long nanos) {
        fleet.ready(c, nanos);
        boolean sync;
        synchronized (this) {
            phase = Phase.UP;
            pid = c.pid();
            boolean continued = askedRecovery && recovered;
            receipts.coverage().joined(nanos, continued);
            SoakTally tally = tallies.here();
            if (askedRecovery) {
                if (continued) {
                    tally.recovered++;
                } else {
                    tally.notRecovered++;
                }
            }
            // A screen that comes back without its session catches up as the contract says.
            sync = joinedBefore && !continued;
            joinedBefore = true;
            dueNanos = churn == Churn.NONE ? Long.MAX_VALUE
                    : nanos + (long) (churnPeriodNanos * (0.5 + random.nextDouble()));
        }
        if (sync) {
            c.send(Wire.ordersSync(SYNC_ACK_ID, client.config().restaurantId(restaurant)));
        }
    }

    @Override
    public void failed(BenchConnection c, String reason) {
        fleet.failed(c, reason);
        synchronized (this) {
            phase = Phase.AWAY;
            dueNanos = System.nanoTime() + RETRY_NANOS;
        }
    }

    @Override
    public void closed(BenchConnection c, String reason) {
        fleet.closed(c, reason);
        long now = System.nanoTime();
        synchronized (this) {
            receipts.coverage().left(now, churn != Churn.SYNC);
            phase = Phase.AWAY;
            // Away for 1-3 s after a drop: long enough for events to be missed, well inside the recovery window.
            dueNanos = now + (dropping ? RETRY_NANOS + (long) (2e9 * random.nextDouble()) : RETRY_NANOS);
            dropping = false;
        }
    }

    @Override
    public void ping(BenchConnection c) {
        fleet.ping(c);
    }

    @Override
    public void event(BenchConnection c, byte[] m, int off, int len, long nanos) {
        SoakTally tally = tallies.here();
        tally.messages++;
        synchronized (this) {
            String last = Wire.lastStringArgument(m, off, len);
            if (last != null) {
                offset = last;
            }
            if (Wire.isEvent(m, off, len, Wire.BATCH_UPDATE)) {
                stamps.causesInBatch(m, off, len, op -> receive(op, nanos, tally.batchedLatency, tally));
            } else if (Wire.isEvent(m, off, len, Wire.ORDER_CREATED) || Wire.isEvent(m, off, len, Wire.STATUS_CHANGED)) {
                receive(causeOf(m, off, len), nanos, tally.latency, tally);
            } else if (Wire.isEvent(m, off, len, Wire.CONNECTION_STATUS)) {
                recovered = Wire.indexOf(m, off, len, Wire.RECOVERED_TRUE) >= 0;
            }
        }
    }

    @Override
    public void ack(BenchConnection c, byte[] m, int off, int len, long nanos) {
        if (Wire.isAck(m, off, len, SYNC_ACK_ID)) {
            SoakTally tally = tallies.here();
            if (Wire.indexOf(m, off, len, Wire.SUCCESS_TRUE) >= 0) {
                tally.synced++;
            } else {
                tally.ackErrors++;
            }
        }
    }

    // ---- receipts --------------------------------------------------------------------------

    private Stamps.Op causeOf(byte[] m, int off, int len) {
        try {
            return stamps.causeOf(m, off, len);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void receive(Stamps.Op op, long nanos, LatencyHistogram latency, SoakTally tally) {
        if (op == null) {
            tally.unmatched++;
        } else if (op.restaurant() != restaurant) {
            tally.foreign++;
        } else if (!receipts.mark(op.index())) {
            tally.duplicates++;
        } else {
            tally.delivered++;
            if (phase == Phase.UP) {
                latency.record((nanos - op.sentNanos()) / 1_000);
            } else {
                // Replayed by a recovery: late by the time the client was away, not by the server's pace.
                tally.replayed++;
            }
        }
    }
}
