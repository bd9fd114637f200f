package com.restaurantos.store;

/** The database failed (unreachable, timed out, or refused a statement); the change, if any, was rolled back. */
public final class StoreException extends RuntimeException {
    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
