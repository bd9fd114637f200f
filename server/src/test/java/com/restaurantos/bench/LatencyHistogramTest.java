package com.restaurantos.bench;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {
    @Test
    void anEmptyHistogramAnswersZero() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.count()).isZero();
        assertThat(h.percentile(99)).isZero();
        assertThat(h.max()).isZero();
        assertThat(h.mean()).isZero();
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) {
            h.record(v);
        }
        assertThat(h.percentile(50)).isEqualTo(50);
        assertThat(h.percentile(99)).isEqualTo(99);
        assertThat(h.percentile(100)).isEqualTo(100);
        assertThat(h.min()).isEqualTo(1);
        assertThat(h.mean()).isCloseTo(50.5, within(1e-9));
    }

    @Test
    void everyValueLandsInABucketWithin1Point6PercentAboveIt() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long v = (long) Math.exp(random.nextDouble() * Math.log(1e12));
            long upper = LatencyHistogram.upperBound(LatencyHistogram.index(v));
            assertThat(upper).as("value %d", v).isGreaterThanOrEqualTo(v);
            assertThat((double) (upper - v)).as("value %d", v).isLessThanOrEqualTo(v / 64.0 + 1);
        }
    }

    @Test
    void bucketsAreContiguousAndOrdered() {
        for (int i = 1; i < LatencyHistogram.BUCKETS - 1; i++) {
            assertThat(LatencyHistogram.index(LatencyHistogram.upperBound(i))).isEqualTo(i);
            assertThat(LatencyHistogram.index(LatencyHistogram.upperBound(i - 1) + 1)).isEqualTo(i);
        }
    }

    @Test
    void percentilesOfRandomValuesMatchSortingWithinTheBucketPrecision() {
        Random random = new Random(7);
        long[] values = new long[50_000];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.abs(random.nextGaussian() * 20_000) + 500;
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {50, 95, 99, 99.9}) {
            long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
            assertThat((double) h.percentile(p)).as("p%s", p).isBetween((double) exact, exact * (1 + 1 / 64.0) + 1);
        }
        assertThat(h.max()).isEqualTo(values[values.length - 1]);
        assertThat(h.percentile(100)).isEqualTo(h.max());
    }

    @Test
    void histogramsAddUpAndSubtract() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        for (int i = 0; i < 1000; i++) {
            a.record(10);
            b.record(1_000_000);
        }
        LatencyHistogram sum = new LatencyHistogram();
        sum.add(a);
        LatencyHistogram onlyA = new LatencyHistogram();
        onlyA.add(sum);
        sum.add(b);
        assertThat(sum.count()).isEqualTo(2000);
        assertThat(sum.percentile(50)).isEqualTo(10);
        assertThat(sum.percentile(51)).isBetween(1_000_000L, 1_015_625L);
        assertThat(sum.max()).isEqualTo(1_000_000);
        LatencyHistogram onlyB = sum.minus(onlyA);
        assertThat(onlyB.count()).isEqualTo(1000);
        assertThat(onlyB.percentile(1)).isBetween(1_000_000L, 1_015_625L);
    }

    @Test
    void negativeAndHugeValuesAreKeptInRange() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);
        h.record(Long.MAX_VALUE);
        assertThat(h.count()).isEqualTo(2);
        assertThat(h.percentile(1)).isZero();
        assertThat(h.percentile(100)).isEqualTo(Long.MAX_VALUE);
    }
}
