package com.restaurantos.orders;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderNumberTest {
    @Test
    void isTheDayAndAFourDigitSequence() {
        assertThat(OrderNumber.format(LocalDate.of(2025, 1, 9), 1)).isEqualTo("20250109-0001");
        assertThat(OrderNumber.format(LocalDate.of(2025, 12, 31), 42)).isEqualTo("20251231-0042");
        assertThat(OrderNumber.format(LocalDate.of(2025, 12, 31), 9999)).isEqualTo("20251231-9999");
    }

    @Test
    void growsADigitPastTenThousandOrdersADay() {
        assertThat(OrderNumber.format(LocalDate.of(2025, 12, 31), 10_000)).isEqualTo("20251231-10000");
    }

    @Test
    void startsAtOne() {
        assertThatThrownBy(() -> OrderNumber.format(LocalDate.of(2025, 1, 1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
