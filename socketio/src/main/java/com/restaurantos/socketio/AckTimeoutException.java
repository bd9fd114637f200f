package com.restaurantos.socketio;

import java.time.Duration;

/** The client did not acknowledge an event in time. */
public final class AckTimeoutException extends RuntimeException {
    public AckTimeoutException(String event, Duration timeout) {
        super("no acknowledgement of '" + event + "' within " + timeout.toMillis() + " ms", null, false, false);
    }
}
