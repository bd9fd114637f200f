package com.restaurantos.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %redactedEx} in {@code logback.xml}: the stack trace, credentials masked. Exception messages quote what
 * they failed on (a header, a URL, a JSON document), so they get the same treatment as messages.
 */
public final class RedactingThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return Redaction.redact(super.throwableProxyToString(proxy));
    }
}
