package com.restaurantos.orders;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TotalsTest {
    private static OrderItem item(String price, int quantity, Modifier... modifiers) {
        return new OrderItem(UUID.randomUUID(), null, "x", quantity, new BigDecimal(price), List.of(modifiers), null,
                null);
    }

    @Test
    void addsLinesWithTheirModifiersTimesQuantityThenTax() {
        List<OrderItem> items = List.of(
                item("12.50", 2, new Modifier("bacon", new BigDecimal("1.25")), new Modifier("no onions", null)),
                item("3.99", 3));

        Totals totals = Totals.of(items, new BigDecimal("0.07"));

        assertThat(totals.subtotal()).isEqualByComparingTo("39.47");
        assertThat(totals.tax()).isEqualByComparingTo("2.76");
        assertThat(totals.total()).isEqualByComparingTo("42.23");
    }

    @Test
    void roundsTheTaxHalfUpToTheCent() {
        assertThat(Totals.of(List.of(item("0.50", 1)), new BigDecimal("0.07")).tax()).isEqualTo(new BigDecimal("0.04"));
        assertThat(Totals.of(List.of(item("0.21", 1)), new BigDecimal("0.07")).tax()).isEqualTo(new BigDecimal("0.01"));
    }

    @Test
    void keepsTwoDecimalsEverywhere() {
        Totals totals = Totals.of(List.of(item("10", 1)), new BigDecimal("0.0825"));

        assertThat(totals.subtotal()).isEqualTo(new BigDecimal("10.00"));
        assertThat(totals.tax()).isEqualTo(new BigDecimal("0.83"));
        assertThat(totals.total()).isEqualTo(new BigDecimal("10.83"));
        assertThat(totals.total().scale()).isEqualTo(2);
    }

    @Test
    void isZeroWithoutTax() {
        Totals totals = Totals.of(List.of(item("4.20", 5)), BigDecimal.ZERO);

        assertThat(totals.tax()).isEqualTo(new BigDecimal("0.00"));
        assertThat(totals.total()).isEqualTo(new BigDecimal("21.00"));
    }
}
