package com.restaurantos.orders;

import java.util.List;

/** The details of an order a client may change after creating it (contract section 4, {@code PATCH}). */
public record OrderPatch(Edit<List<ItemDraft>> items, Edit<String> tableNumber, Edit<String> customerName,
                         Edit<String> notes) {

    public boolean isEmpty() {
        return items instanceof Edit.Keep && tableNumber instanceof Edit.Keep
                && customerName instanceof Edit.Keep && notes instanceof Edit.Keep;
    }
}
