package com.restaurantos.socketio;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON mapper of the Socket.IO layer, with limits that make hostile payloads cheap to refuse. */
public final class Json {
    /** Deepest nesting of arrays and objects accepted in a packet. */
    public static final int MAX_NESTING_DEPTH = 64;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A payload is exactly one JSON value: anything after it is an error, as with JSON.parse.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(100)
                .build());
    }

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }
}
