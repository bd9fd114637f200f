package com.restaurantos.orders;

import java.util.List;

/**
 * An order as a client asked for it, not yet checked: enum values are still the client's strings, any
 * field may be null. {@link OrderService#create} validates it and computes its totals.
 */
public record OrderDraft(String type, String tableNumber, String customerName, List<ItemDraft> items, String notes) {
}
