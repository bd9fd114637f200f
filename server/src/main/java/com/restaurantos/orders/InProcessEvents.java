package com.restaurantos.orders;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** {@link DomainEvents} delivered synchronously to the listeners of this process. */
public final class InProcessEvents implements DomainEvents {
    private static final System.Logger log = System.getLogger(InProcessEvents.class.getName());

    private final CopyOnWriteArrayList<Consumer<? super DomainEvent>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(DomainEvent event) {
        for (Consumer<? super DomainEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.ERROR, "a listener failed on " + event.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public Subscription subscribe(Consumer<? super DomainEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
