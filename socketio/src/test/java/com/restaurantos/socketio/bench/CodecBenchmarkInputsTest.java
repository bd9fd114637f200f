package com.restaurantos.socketio.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's inputs are valid, so that its figures measure real work; runs in `mvn verify`. */
class CodecBenchmarkInputsTest {
    @Test
    void benchmarksDecodeWhatTheyEncode() throws Exception {
        assertThat(CodecBenchmark.checkInputs()).as("the '1 KB' order event, in chars").isBetween(1000, 1200);
    }
}
