package com.restaurantos.orders;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** {@code YYYYMMDD-NNNN}: the restaurant's business day and the order's place in it, from 1. */
public final class OrderNumber {
    private OrderNumber() {
    }

    /** The number of the {@code sequence}-th order of {@code day}; past 9999 it simply grows a digit. */
    public static String format(LocalDate day, int sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1: " + sequence);
        }
        return day.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + String.format("%04d", sequence);
    }
}
