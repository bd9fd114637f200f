package com.restaurantos.store;

/** The repository contract on the embedded H2 database (PostgreSQL mode). */
class H2OrderRepositoryTest extends OrderRepositoryContract {
    @Override
    DatabaseSettings settings() {
        return TestDatabases.h2();
    }
}
