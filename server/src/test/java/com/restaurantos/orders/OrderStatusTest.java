package com.restaurantos.orders;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderStatusTest {
    /** Contract section 3, copied here by hand so that a change of the table in the code is caught. */
    private static final Set<String> ALLOWED = Set.of(
            "new>pending", "new>confirmed", "new>cancelled",
            "pending>confirmed", "pending>cancelled",
            "confirmed>preparing", "confirmed>cancelled",
            "preparing>ready", "preparing>cancelled",
            "ready>picked-up", "ready>completed", "ready>cancelled",
            "picked-up>completed");

    static Stream<Arguments> everyPairOfStatuses() {
        List<Arguments> pairs = new ArrayList<>();
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                pairs.add(Arguments.of(from, to, ALLOWED.contains(from.wire() + ">" + to.wire())));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPairOfStatuses")
    void allowsExactlyTheTransitionsOfTheContract(OrderStatus from, OrderStatus to, boolean allowed) {
        assertThat(from.canBecome(to)).isEqualTo(allowed);
        assertThat(from.next().contains(to)).isEqualTo(allowed);
    }

    @Test
    void coversSixtyFourPairsOfWhichThirteenAreAllowed() {
        assertThat(everyPairOfStatuses()).hasSize(64);
        assertThat(ALLOWED).hasSize(13);
    }

    @Test
    void callsNewPendingConfirmedPreparingAndReadyActive() {
        assertThat(OrderStatus.active()).containsExactlyInAnyOrder(OrderStatus.NEW, OrderStatus.PENDING,
                OrderStatus.CONFIRMED, OrderStatus.PREPARING, OrderStatus.READY);
        assertThat(OrderStatus.PICKED_UP.isActive()).isFalse();
        assertThat(OrderStatus.COMPLETED.next()).isEmpty();
        assertThat(OrderStatus.CANCELLED.next()).isEmpty();
    }

    @Test
    void readsAndWritesTheClientsNames() {
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(OrderStatus.fromWire(status.wire())).contains(status);
        }
        assertThat(OrderStatus.PICKED_UP.wire()).isEqualTo("picked-up");
        assertThat(OrderStatus.fromWire("PICKED_UP")).isEmpty();
        assertThatThrownBy(() -> OrderStatus.parse("status", "done"))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).details()).containsKey("status"));
        assertThat(OrderType.fromWire("drive-thru")).contains(OrderType.DRIVE_THRU);
        assertThat(Station.fromWire("bar")).contains(Station.BAR);
    }
}
