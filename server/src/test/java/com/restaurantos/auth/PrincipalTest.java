package com.restaurantos.auth;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrincipalTest {
    private static final UUID A = Tokens.RESTAURANT;
    private static final UUID B = Tokens.OTHER;

    private static Principal of(Role role, Set<UUID> restaurants) {
        return new Principal("u", role, role.defaultScopes(), restaurants, role.anyRestaurant(), Instant.now());
    }

    @Test
    void refusesARequestWithoutTheScopeItNeeds() {
        Principal kitchen = of(Role.KITCHEN, Set.of(A));

        kitchen.require(Scope.ORDERS_STATUS);
        assertThatThrownBy(() -> kitchen.require(Scope.ORDERS_CREATE))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("orders:create");
    }

    @Test
    void usesTheTokensOnlyRestaurantWhenNoneIsAskedFor() {
        assertThat(of(Role.SERVER, Set.of(A)).restaurant(null)).isEqualTo(A);
        assertThat(of(Role.SERVER, Set.of(A)).restaurant(A.toString())).isEqualTo(A);
    }

    @Test
    void refusesAnotherRestaurant() {
        assertThatThrownBy(() -> of(Role.OWNER, Set.of(A)).restaurant(B.toString()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(of(Role.OWNER, Set.of(A)).canAccess(B)).isFalse();
    }

    @Test
    void letsAdminsReachEveryRestaurant() {
        assertThat(of(Role.ADMIN, Set.of(A)).restaurant(B.toString())).isEqualTo(B);
        assertThat(of(Role.SUPER_ADMIN, Set.of()).restaurant(B.toString())).isEqualTo(B);
        assertThat(of(Role.SUPER_ADMIN, Set.of()).canAccess(UUID.randomUUID())).isTrue();
    }

    @Test
    void asksMultiRestaurantTokensToNameTheRestaurant() {
        Principal both = of(Role.MANAGER, Set.of(A, B));

        assertThat(both.restaurant(B.toString())).isEqualTo(B);
        assertThatThrownBy(() -> both.restaurant(null)).isInstanceOf(InvalidRestaurantException.class)
                .hasMessageContaining("X-Restaurant-ID");
        assertThatThrownBy(() -> of(Role.ADMIN, Set.of()).restaurant(null))
                .isInstanceOf(InvalidRestaurantException.class);
    }

    @Test
    void refusesAMalformedRestaurantId() {
        assertThatThrownBy(() -> of(Role.ADMIN, Set.of(A)).restaurant("restaurant-1"))
                .isInstanceOf(InvalidRestaurantException.class);
        assertThatThrownBy(() -> of(Role.ADMIN, Set.of(A)).restaurant("1-1-1-1-1"))
                .isInstanceOf(InvalidRestaurantException.class);
    }
}
