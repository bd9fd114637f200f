package com.restaurantos.orders;

/** A kitchen alert as a client sent it, not yet checked. */
public record AlertDraft(String type, String message, Integer severity, String orderId, String tableNumber,
                         String station) {
}
