package com.restaurantos.auth;

/** A request refused for who sent it, with the error code of contract section 3. */
public abstract sealed class AuthException extends RuntimeException
        permits AuthenticationException, PermissionDeniedException, InvalidRestaurantException {

    AuthException(String message) {
        super(message, null, false, false);
    }

    public abstract String code();
}
