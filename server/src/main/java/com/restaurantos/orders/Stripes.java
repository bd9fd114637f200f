package com.restaurantos.orders;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** A fixed set of locks, one chosen by a key's hash: bounded memory however many keys there are. */
final class Stripes {
    private final ReentrantLock[] locks;

    Stripes(int count) {
        locks = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    <T> T with(Object key, Supplier<T> action) {
        ReentrantLock lock = locks[Math.floorMod(key.hashCode(), locks.length)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
