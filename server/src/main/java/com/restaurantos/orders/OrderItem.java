package com.restaurantos.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One line of an order.
 *
 * @param menuItemId          the menu's id of the item, if it came from a menu (nullable)
 * @param specialInstructions free text for the kitchen (nullable)
 * @param station             where it is made (nullable: every station)
 */
public record OrderItem(UUID id, String menuItemId, String name, int quantity, BigDecimal price,
                        List<Modifier> modifiers, String specialInstructions, Station station) {
    public OrderItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        price = Money.of(price);
        modifiers = List.copyOf(modifiers == null ? List.of() : modifiers);
    }

    /** (price + modifier prices) × quantity. */
    public BigDecimal lineTotal() {
        BigDecimal unit = modifiers.stream().map(Modifier::price).reduce(price, BigDecimal::add);
        return Money.of(unit.multiply(BigDecimal.valueOf(quantity)));
    }

    /** Whether the two items say the same, whatever their ids. */
    boolean sameContentAs(OrderItem other) {
        return Objects.equals(menuItemId, other.menuItemId) && name.equals(other.name)
                && quantity == other.quantity && price.compareTo(other.price) == 0
                && modifiers.equals(other.modifiers)
                && Objects.equals(specialInstructions, other.specialInstructions) && station == other.station;
    }
}
