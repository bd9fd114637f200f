package com.restaurantos.orders;

import java.math.BigDecimal;
import java.util.List;

/** An order item as a client sent it, not yet checked. {@code id} is kept when it is a UUID. */
public record ItemDraft(String id, String menuItemId, String name, Integer quantity, BigDecimal price,
                       List<ModifierDraft> modifiers, String specialInstructions, String station) {

    /** A modifier as a client sent it; a missing price is zero. */
    public record ModifierDraft(String name, BigDecimal price) {
    }
}
