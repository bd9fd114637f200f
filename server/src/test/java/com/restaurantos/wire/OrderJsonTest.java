package com.restaurantos.wire;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OrderJsonTest {
    @Test
    void writesTimesAsJavaScriptsToIsoStringDoes() {
        assertThat(OrderJson.time(Instant.parse("2026-11-26T21:05:00Z"))).isEqualTo("2026-11-26T21:05:00.000Z");
        assertThat(OrderJson.time(Instant.parse("2026-11-26T21:05:07.120Z"))).isEqualTo("2026-11-26T21:05:07.120Z");
        assertThat(OrderJson.time(Instant.parse("2026-11-26T21:05:07.000999999Z")))
                .isEqualTo("2026-11-26T21:05:07.000Z");
        assertThat(OrderJson.time(Instant.parse("2026-11-26T21:05:07.999999Z"))).isEqualTo("2026-11-26T21:05:07.999Z");
    }
}
