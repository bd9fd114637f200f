package com.restaurantos.simulation;

/**
 * A request the server refused or did not answer.
 *
 * @see #kind()
 */
public final class RequestFailed extends RuntimeException {
    /** The status of a request that got no answer at all. */
    public static final int NO_ANSWER = 0;

    private final String route;
    private final int status;
    private final String code;

    /**
     * @param route   method and path template, e.g. {@code PATCH /api/v1/orders/{id}/status}
     * @param status  the HTTP status, or {@link #NO_ANSWER}
     * @param code    the error code of the answer ({@code INVALID_TRANSITION}), or what went wrong without one
     * @param message the server's message, or why there was no answer
     */
    public RequestFailed(String route, int status, String code, String message) {
        super(message);
        this.route = route;
        this.status = status;
        this.code = code;
    }

    public String route() {
        return route;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The server was too busy to take the request (429): it did nothing, asking again later is safe. */
    public boolean isRateLimit() {
        return status == 429;
    }

    /**
     * Failures of one kind are counted together: {@code 409 INVALID_TRANSITION on PATCH
     * /api/v1/orders/{id}/status}, {@code no answer (ConnectException) on POST /api/v1/orders}.
     */
    public String kind() {
        return (status == NO_ANSWER ? "no answer (" + code + ")" : status + " " + code) + " on " + route;
    }

    @Override
    public String toString() {
        return kind() + ": " + getMessage();
    }
}
