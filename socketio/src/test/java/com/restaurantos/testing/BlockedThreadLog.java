package com.restaurantos.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every warning of Vert.x's blocked-thread checker, so that a test can fail on one. */
public final class BlockedThreadLog extends AppenderBase<ILoggingEvent> {
    private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        WARNINGS.add(event.getFormattedMessage());
    }

    /** The warnings logged since the last call, which forgets them. */
    public static List<String> takeWarnings() {
        List<String> copy = List.copyOf(WARNINGS);
        WARNINGS.clear();
        return copy;
    }
}
