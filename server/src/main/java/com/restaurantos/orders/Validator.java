package com.restaurantos.orders;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Checks what clients send, collecting every offending field before it throws one {@link ValidationException}. */
final class Validator {
    static final int MAX_ITEMS = 100;
    static final int MAX_MODIFIERS = 20;
    static final int MAX_QUANTITY = 999;
    static final BigDecimal MAX_PRICE = new BigDecimal("99999.99");
    static final int MAX_TABLE = 20;
    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 1000;
    static final int MAX_ID = 100;

    private final Map<String, String> errors = new LinkedHashMap<>();

    void fail(String field, String message) {
        errors.putIfAbsent(field, message);
    }

    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** The trimmed text, null for null or blank; a failure if longer than {@code max}. */
    String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            fail(field, "must be at most " + max + " characters");
        }
        return text;
    }

    String requiredText(String field, String value, int max) {
        String text = optionalText(field, value, max);
        if (text == null) {
            fail(field, "is required");
        }
        return text;
    }

    <E> E requiredEnum(String field, String value, Optional<E> parsed, Supplier<String> choices) {
        if (value == null) {
            fail(field, "is required");
            return null;
        }
        return optionalEnum(field, value, parsed, choices);
    }

    <E> E optionalEnum(String field, String value, Optional<E> parsed, Supplier<String> choices) {
        if (value != null && parsed.isEmpty()) {
            fail(field, "must be one of " + choices.get());
        }
        return parsed.orElse(null);
    }

    BigDecimal money(String field, BigDecimal value, boolean required) {
        if (value == null) {
            if (required) {
                fail(field, "is required");
            }
            return BigDecimal.ZERO;
        }
        if (value.signum() < 0) {
            fail(field, "must not be negative");
        } else if (value.compareTo(MAX_PRICE) > 0) {
            fail(field, "must be at most " + MAX_PRICE);
        } else if (!Money.hasCents(value)) {
            fail(field, "must have at most two decimals");
        }
        return value;
    }

    List<OrderItem> items(String field, List<ItemDraft> drafts, List<OrderItem> previous) {
        if (drafts == null || drafts.isEmpty()) {
            fail(field, "must have at least one item");
            return List.of();
        }
        if (drafts.size() > MAX_ITEMS) {
            fail(field, "must have at most " + MAX_ITEMS + " items");
            return List.of();
        }
        List<OrderItem> items = new ArrayList<>(drafts.size());
        java.util.Set<UUID> ids = new java.util.HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            String at = field + "[" + i + "]";
            ItemDraft draft = drafts.get(i);
            if (draft == null) {
                fail(at, "is required");
                continue;
            }
            OrderItem item = item(at, draft);
            if (item == null) {
                continue;
            }
            if (draft.id() == null && i < previous.size() && previous.get(i).sameContentAs(item)) {
                item = new OrderItem(previous.get(i).id(), item.menuItemId(), item.name(), item.quantity(),
                        item.price(), item.modifiers(), item.specialInstructions(), item.station());
            }
            if (!ids.add(item.id())) {
                fail(at + ".id", "is the id of another item of the order");
            }
            items.add(item);
        }
        return items;
    }

    private OrderItem item(String at, ItemDraft draft) {
        int errorsBefore = errors.size();
        UUID id = UUID.randomUUID();
        if (draft.id() != null) {
            try {
                id = UUID.fromString(draft.id());
            } catch (IllegalArgumentException e) {
                fail(at + ".id", "must be a UUID");
            }
        }
        String menuItemId = optionalText(at + ".menu_item_id", draft.menuItemId(), MAX_ID);
        String name = requiredText(at + ".name", draft.name(), MAX_NAME);
        Integer quantity = draft.quantity();
        if (quantity == null) {
            fail(at + ".quantity", "is required");
        } else if (quantity < 1 || quantity > MAX_QUANTITY) {
            fail(at + ".quantity", "must be from 1 to " + MAX_QUANTITY);
        }
        BigDecimal price = money(at + ".price", draft.price(), true);
        List<Modifier> modifiers = new ArrayList<>();
        List<ItemDraft.ModifierDraft> modifierDrafts = draft.modifiers() == null ? List.of() : draft.modifiers();
        if (modifierDrafts.size() > MAX_MODIFIERS) {
            fail(at + ".modifiers", "must have at most " + MAX_MODIFIERS + " modifiers");
        } else {
            for (int m = 0; m < modifierDrafts.size(); m++) {
                String mAt = at + ".modifiers[" + m + "]";
                ItemDraft.ModifierDraft modifier = modifierDrafts.get(m);
                if (modifier == null) {
                    fail(mAt, "is required");
                    continue;
                }
                String modifierName = requiredText(mAt + ".name", modifier.name(), MAX_NAME);
                BigDecimal modifierPrice = money(mAt + ".price", modifier.price(), false);
                if (modifierName != null) {
                    modifiers.add(new Modifier(modifierName, modifierPrice));
                }
            }
        }
        String instructions = optionalText(at + ".special_instructions", draft.specialInstructions(), MAX_TEXT);
        Station station = optionalEnum(at + ".station", draft.station(), Station.fromWire(draft.station()),
                Station::choices);
        if (errors.size() > errorsBefore) {
            return null;
        }
        return new OrderItem(id, menuItemId, name, quantity, price, modifiers, instructions, station);
    }
}
