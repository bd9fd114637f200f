package com.restaurantos.socketio;

import java.util.ArrayList;
import com.restaurantos.testing.TestServer;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects values from handlers on event loops for the test thread to read in order. */
final class Recorder<T> {
    private final BlockingQueue<T> items = new LinkedBlockingQueue<>();

    void add(T item) {
        items.add(item);
    }

    T next() {
        try {
            T item = items.poll(TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                throw new AssertionError("nothing was recorded in time");
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Everything recorded and not read yet. */
    List<T> drained() {
        List<T> all = new ArrayList<>();
        items.drainTo(all);
        return all;
    }
}
