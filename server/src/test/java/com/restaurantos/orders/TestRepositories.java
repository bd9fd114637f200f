package com.restaurantos.orders;

/** Repositories for tests outside this package, which cannot see {@link InMemoryOrderRepository} itself. */
public final class TestRepositories {
    private TestRepositories() {
    }

    /** The repository contract in memory: no I/O, nothing shared. */
    public static OrderRepository inMemory() {
        return new InMemoryOrderRepository();
    }
}
