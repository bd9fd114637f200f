package com.restaurantos.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach the database.
 *
 * @param url      a JDBC URL: {@code jdbc:h2:…} or {@code jdbc:postgresql://…}
 * @param user     nullable
 * @param password nullable
 * @param poolSize the most connections to keep open
 * @param schema   nullable: the schema to create (if missing), migrate and use instead of the default one
 */
public record DatabaseSettings(String url, String user, String password, int poolSize, String schema) {
    /**
     * H2 in PostgreSQL mode, so that the same SQL runs on both; {@code WRITE_DELAY=0} writes each commit to the
     * file at once, so a killed process loses no acknowledged change; waits up to 10 s for row locks;
     * {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would close the database under the writes a stop
     * lets finish (they failed with "Database is already closed"); the application closes it, last.
     */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("DATABASE_URL must be a jdbc:postgresql:// or jdbc:h2: URL");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool needs at least one connection: " + poolSize);
        }
    }

    /** The embedded H2 file database {@code restaurant-os} in {@code dataDir}. */
    public static DatabaseSettings embedded(Path dataDir, int poolSize) {
        String file = dataDir.resolve("restaurant-os").toString().replace('\\', '/');
        return new DatabaseSettings("jdbc:h2:file:" + file + H2_OPTIONS, "sa", "", poolSize, null);
    }

    /** A private H2 database in memory, kept until the process ends (for tests and trials). */
    public static DatabaseSettings inMemory(String name) {
        return new DatabaseSettings("jdbc:h2:mem:" + name + H2_OPTIONS + ";DB_CLOSE_DELAY=-1", "sa", "", 10, null);
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    public DatabaseSettings withSchema(String schema) {
        return new DatabaseSettings(url, user, password, poolSize, schema);
    }

    /** The URL without anything that could be a password, for logs. */
    public String safeUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + safeUrl() + ", user=" + user + ", poolSize=" + poolSize + ", schema="
                + schema + "]";
    }
}
