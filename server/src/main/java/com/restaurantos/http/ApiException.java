package com.restaurantos.http;

import java.util.Map;

/** A refusal of the HTTP layer itself (shape of the request, size, rate), with its status and code. */
final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> details;

    ApiException(int status, String code, String message, Map<String, String> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    static ApiException invalidPayload(String message, Map<String, String> details) {
        return new ApiException(400, "INVALID_PAYLOAD", message, details);
    }

    static ApiException invalidPayload(String message) {
        return invalidPayload(message, null);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> details() {
        return details;
    }
}
