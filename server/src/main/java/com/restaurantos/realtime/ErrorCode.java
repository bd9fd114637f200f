package com.restaurantos.realtime;

/** The error codes of contract section 3, as sockets receive them. */
enum ErrorCode {
    AUTH_FAILED,
    INVALID_RESTAURANT,
    PERMISSION_DENIED,
    INVALID_PAYLOAD,
    VALIDATION_ERROR,
    ORDER_NOT_FOUND,
    INVALID_TRANSITION,
    RATE_LIMIT,
    INTERNAL
}
