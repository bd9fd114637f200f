package com.restaurantos.socketio;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;

/**
 * The JSON mapper of the Socket.IO layer, with limits that make hostile payloads cheap to refuse.
 * Applications may emit Vert.x {@link JsonObject}s and {@link JsonArray}s as they are.
 */
public final class Json {
    /** Deepest nesting of arrays and objects accepted in a packet. */
    public static final int MAX_NESTING_DEPTH = 64;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A payload is exactly one JSON value: anything after it is an error, as with JSON.parse.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .addModule(new SimpleModule("vertx-json")
                    .addSerializer(JsonObject.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(JsonObject value, JsonGenerator gen, SerializerProvider provider)
                                throws IOException {
                            provider.defaultSerializeValue(value.getMap(), gen);
                        }
                    })
                    .addSerializer(JsonArray.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(JsonArray value, JsonGenerator gen, SerializerProvider provider)
                                throws IOException {
                            provider.defaultSerializeValue(value.getList(), gen);
                        }
                    }))
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
