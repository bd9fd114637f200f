package com.restaurantos.simulation;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/** Every decision of a simulation, drawn from one seeded {@link Random}: the same seed decides the same way. */
final class Dice {
    private final Random random;

    Dice(long seed) {
        this.random = new Random(seed);
    }

    /** True with the probability {@code p} (0 to 1). */
    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** A time from {@code min} to {@code max}, to the second. */
    Duration between(Duration min, Duration max) {
        long seconds = max.toSeconds() - min.toSeconds();
        return min.plusSeconds(seconds <= 0 ? 0 : random.nextLong(seconds + 1));
    }

    /** The wait until the next of events that happen at random, {@code perMinute} a minute on average. */
    Duration untilNext(double perMinute) {
        double minutes = -Math.log(1 - random.nextDouble()) / perMinute;
        return Duration.ofMillis(Math.max(1, Math.round(Math.min(minutes, 24 * 60) * 60_000)));
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** One of {@code choices}, each as likely as its weight ({@code weights.get(i)} for {@code choices.get(i)}). */
    <T> T pick(List<T> choices, List<Integer> weights) {
        if (choices.size() != weights.size()) {
            throw new IllegalArgumentException("a weight for each choice");
        }
        int n = random.nextInt(weights.stream().mapToInt(Integer::intValue).sum());
        for (int i = 0; i < choices.size(); i++) {
            n -= weights.get(i);
            if (n < 0) {
                return choices.get(i);
            }
        }
        throw new IllegalStateException("no weights");
    }
}
