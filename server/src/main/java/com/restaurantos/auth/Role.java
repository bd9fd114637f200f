package com.restaurantos.auth;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static com.restaurantos.auth.Scope.KITCHEN_ALERT;
import static com.restaurantos.auth.Scope.MENU_READ;
import static com.restaurantos.auth.Scope.ORDERS_CREATE;
import static com.restaurantos.auth.Scope.ORDERS_READ;
import static com.restaurantos.auth.Scope.ORDERS_STATUS;
import static com.restaurantos.auth.Scope.ORDERS_UPDATE;

/** The roles of contract section 2 and their default scopes, in one table. A token's own scope wins. */
public enum Role {
    OWNER("owner", EnumSet.allOf(Scope.class), false, false),
    MANAGER("manager", EnumSet.allOf(Scope.class), false, false),
    ADMIN("admin", EnumSet.allOf(Scope.class), true, false),
    SUPER_ADMIN("super_admin", EnumSet.allOf(Scope.class), true, false),
    SERVER("server", EnumSet.of(ORDERS_CREATE, ORDERS_READ, ORDERS_UPDATE, ORDERS_STATUS, MENU_READ), false, false),
    CASHIER("cashier", EnumSet.of(ORDERS_READ, MENU_READ), false, false),
    KITCHEN("kitchen", EnumSet.of(ORDERS_READ, ORDERS_STATUS, KITCHEN_ALERT), false, false),
    EXPO("expo", EnumSet.of(ORDERS_READ, ORDERS_STATUS, KITCHEN_ALERT), false, false),
    CUSTOMER("customer", EnumSet.of(ORDERS_CREATE, ORDERS_READ), false, true);

    private final String wire;
    private final Set<Scope> scopes;
    private final boolean anyRestaurant;
    private final boolean ownOrdersOnly;

    Role(String wire, Set<Scope> scopes, boolean anyRestaurant, boolean ownOrdersOnly) {
        this.wire = wire;
        this.scopes = Collections.unmodifiableSet(scopes);
        this.anyRestaurant = anyRestaurant;
        this.ownOrdersOnly = ownOrdersOnly;
    }

    public String wire() {
        return wire;
    }

    /** The scopes of a token of this role that names none itself. */
    public Set<Scope> defaultScopes() {
        return scopes;
    }

    /** Whether the role reaches every restaurant, whatever the token names. */
    public boolean anyRestaurant() {
        return anyRestaurant;
    }

    /** Whether the role sees and touches only the orders its holder created. */
    public boolean ownOrdersOnly() {
        return ownOrdersOnly;
    }

    public static Optional<Role> fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
