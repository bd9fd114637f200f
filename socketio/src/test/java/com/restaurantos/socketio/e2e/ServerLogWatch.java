package com.restaurantos.socketio.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Collects what the server logs at WARN or above while a test runs: unhandled exceptions on an
 * event loop, Vert.x's blocked-thread warnings, failing handlers. An end-to-end run that the
 * clients saw pass but that left any of these behind has still found a problem.
 */
final class ServerLogWatch implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private ServerLogWatch() {
    }

    static ServerLogWatch start() {
        ServerLogWatch watch = new ServerLogWatch();
        watch.appender.setName("server-log-watch");
        watch.appender.setContext(watch.root.getLoggerContext());
        watch.appender.start();
        watch.root.addAppender(watch.appender);
        return watch;
    }

    /** Each warning or error logged so far, one line each: level, logger, message, exception. */
    List<String> problems() {
        List<ILoggingEvent> events;
        synchronized (appender) { // logback appends under this lock
            events = List.copyOf(appender.list);
        }
        return events.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ServerLogWatch::describe)
                .toList();
    }

    private static String describe(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        return event.getLevel() + " " + event.getLoggerName() + " [" + event.getThreadName() + "]: "
                + event.getFormattedMessage()
                + (thrown == null ? "" : " — " + thrown.getClassName() + ": " + thrown.getMessage());
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
