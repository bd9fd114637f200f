package com.restaurantos.bench;

/**
 * Counts of non-negative values (microseconds) in log-linear buckets: exact below 128, and within
 * 1/64 (1.6 %) of the value above. Not thread-safe: each event loop keeps its own and they are
 * {@link #add added} together once the loops are done.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;             // 64 sub-buckets a power of two
    private static final int EXACT = 2 * SUB;                 // values below this have a bucket each
    private static final int MAX_EXPONENT = 46;               // 2^46 µs is more than two years
    static final int BUCKETS = EXACT + (MAX_EXPONENT - SUB_BITS) * SUB;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long max;
    private long min = Long.MAX_VALUE;
    private double sum;

    void record(long value) {
        long v = Math.max(0, value);
        counts[index(v)]++;
        count++;
        sum += v;
        if (v > max) {
            max = v;
        }
        if (v < min) {
            min = v;
        }
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        max = Math.max(max, other.max);
        min = Math.min(min, other.min);
    }

    /**
     * The values recorded here and not in {@code earlier}, a previous copy of this histogram: counts,
     * mean and percentiles are exact; min and max are those of the whole, for a bucket keeps no extremes.
     */
    LatencyHistogram minus(LatencyHistogram earlier) {
        LatencyHistogram out = new LatencyHistogram();
        for (int i = 0; i < BUCKETS; i++) {
            out.counts[i] = counts[i] - earlier.counts[i];
        }
        out.count = count - earlier.count;
        out.sum = sum - earlier.sum;
        out.max = max;
        out.min = min;
        return out;
    }

    long count() {
        return count;
    }

    long max() {
        return count == 0 ? 0 : max;
    }

    long min() {
        return count == 0 ? 0 : min;
    }

    double mean() {
        return count == 0 ? 0 : sum / count;
    }

    /**
     * The value below or at which {@code percent} % of the recorded values lie: the upper bound of
     * the bucket holding that rank, never more than the largest value recorded; 0 when empty.
     */
    long percentile(double percent) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                // The last bucket also holds everything too large for the others.
                return i == BUCKETS - 1 ? max : Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    static int index(long v) {
        if (v < EXACT) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v);     // >= SUB_BITS + 1
        if (exponent >= MAX_EXPONENT + 1) {
            return BUCKETS - 1;
        }
        int shift = exponent - SUB_BITS;
        int sub = (int) (v >>> shift);                         // in [SUB, 2 SUB)
        return EXACT + (exponent - SUB_BITS - 1) * SUB + (sub - SUB);
    }

    /** The largest value that falls in bucket {@code index}. */
    static long upperBound(int index) {
        if (index < EXACT) {
            return index;
        }
        int k = index - EXACT;
        int exponent = k / SUB + SUB_BITS + 1;
        int sub = k % SUB + SUB;
        int shift = exponent - SUB_BITS;
        return ((long) (sub + 1) << shift) - 1;
    }
}
