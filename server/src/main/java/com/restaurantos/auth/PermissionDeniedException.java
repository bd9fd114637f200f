package com.restaurantos.auth;

/** A valid token without the scope or the restaurant the request needs. */
public final class PermissionDeniedException extends AuthException {
    public PermissionDeniedException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "PERMISSION_DENIED";
    }
}
