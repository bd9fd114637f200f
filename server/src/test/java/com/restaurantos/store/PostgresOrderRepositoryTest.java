package com.restaurantos.store;

/** The repository contract on the PostgreSQL of {@code TEST_DATABASE_URL} (see {@code .ci/postgres.sh}). */
class PostgresOrderRepositoryTest extends OrderRepositoryContract {
    @Override
    DatabaseSettings settings() {
        return TestDatabases.postgres();
    }
}
