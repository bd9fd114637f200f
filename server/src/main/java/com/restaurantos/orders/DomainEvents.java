package com.restaurantos.orders;

import java.util.function.Consumer;

/**
 * The in-process channel of {@link DomainEvent}s: the services publish, the real-time layer subscribes.
 * Listeners are called on the publishing thread (a worker thread, never an event loop), so they must be quick
 * and must not block; a listener that throws does not stop the others.
 */
public interface DomainEvents {

    void publish(DomainEvent event);

    Subscription subscribe(Consumer<? super DomainEvent> listener);

    /** Stops the deliveries to one listener. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
