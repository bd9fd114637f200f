package com.restaurantos.logging;

import java.util.regex.Pattern;

/**
 * Masks credentials in text bound for the log: JWTs wherever they appear, the value after {@code Bearer}, and
 * {@code token} values in query strings and JSON (the Socket.IO auth payload). A safety net under the rule that
 * code never logs a credential: a message that quotes a request, a header or an exception must not carry one.
 */
public final class Redaction {
    static final String MASK = "<redacted>";
    /** A JWS or unsecured JWT: a base64url JSON header ({@code eyJ} is {@code {"}), a payload and a signature. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
    private static final Pattern QUERY_TOKEN = Pattern.compile("(?i)([?&;]token=)[^&\\s\"']+");
    private static final Pattern JSON_TOKEN = Pattern.compile("(?i)(\"token\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*");

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = JWT.matcher(text).replaceAll(MASK);
        masked = BEARER.matcher(masked).replaceAll("$1" + MASK);
        masked = QUERY_TOKEN.matcher(masked).replaceAll("$1" + MASK);
        return JSON_TOKEN.matcher(masked).replaceAll("$1" + MASK);
    }
}
