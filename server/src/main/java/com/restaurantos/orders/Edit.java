package com.restaurantos.orders;

/** One field of a partial update: left as it is, or set to a value (null clears an optional field). */
public sealed interface Edit<T> {
    record Keep<T>() implements Edit<T> {
    }

    record Set<T>(T value) implements Edit<T> {
    }

    static <T> Edit<T> keep() {
        return new Keep<>();
    }

    static <T> Edit<T> set(T value) {
        return new Set<>(value);
    }
}
