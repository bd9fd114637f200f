package com.restaurantos.auth;

/** No token, or one that is malformed, expired, not yet valid, wrongly signed or for someone else. */
public final class AuthenticationException extends AuthException {
    public AuthenticationException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "AUTH_FAILED";
    }
}
