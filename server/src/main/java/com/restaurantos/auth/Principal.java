package com.restaurantos.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Who a verified token speaks for.
 *
 * @param subject       the token's {@code sub}
 * @param role          nullable: a role this server does not know, or none
 * @param scopes        the token's own scopes if it names any, else its role's
 * @param restaurants   the restaurants the token names ({@code restaurant_id} and {@code restaurant_ids})
 * @param anyRestaurant admins reach every restaurant
 * @param expiresAt     the token's {@code exp}
 */
public record Principal(String subject, Role role, Set<Scope> scopes, Set<UUID> restaurants, boolean anyRestaurant,
                        Instant expiresAt) {
    public Principal {
        Objects.requireNonNull(subject, "subject");
        scopes = Set.copyOf(scopes);
        restaurants = Set.copyOf(restaurants);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** Throws {@link PermissionDeniedException} unless the token has the scope. */
    public void require(Scope scope) {
        if (!has(scope)) {
            throw new PermissionDeniedException("this token lacks the scope " + scope.wire());
        }
    }

    public boolean canAccess(UUID restaurantId) {
        return anyRestaurant || restaurants.contains(restaurantId);
    }

    /**
     * The restaurant a request acts on: the one asked for ({@code X-Restaurant-ID}, a socket's
     * {@code restaurantId}) if the token reaches it, else the token's only restaurant.
     *
     * @param requested nullable
     * @throws InvalidRestaurantException if {@code requested} is not a UUID, or none is asked for and the token
     *                                    names not exactly one restaurant
     * @throws PermissionDeniedException  if the token does not reach the restaurant asked for
     */
    public UUID restaurant(String requested) {
        if (requested != null && !requested.isBlank()) {
            UUID id = parseRestaurant(requested.strip());
            if (!canAccess(id)) {
                throw new PermissionDeniedException("this token does not grant restaurant " + id);
            }
            return id;
        }
        if (restaurants.size() == 1) {
            return restaurants.iterator().next();
        }
        throw new InvalidRestaurantException(restaurants.isEmpty()
                ? "this token names no restaurant: send X-Restaurant-ID"
                : "this token names several restaurants: send X-Restaurant-ID");
    }

    /** The restaurant id, or {@link InvalidRestaurantException} if it is not a UUID. */
    public static UUID parseRestaurant(String value) {
        try {
            UUID id = UUID.fromString(value);
            if (!id.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException(value);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new InvalidRestaurantException("restaurant id must be a UUID");
        }
    }

    /** Customers only ever see and touch the orders they created. */
    public boolean ownOrdersOnly() {
        return role != null && role.ownOrdersOnly();
    }
}
