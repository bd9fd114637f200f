package com.restaurantos.realtime;

import io.vertx.core.json.JsonObject;

import static org.assertj.core.api.Assertions.assertThat;

/** The two shapes of a reply (contract section 3), checked whole. */
final class Acks {
    private Acks() {
    }

    /** Checks {@code {success: true, data}} and returns the data. */
    static <T> T data(JsonObject reply, Class<T> type) {
        assertThat(reply.fieldNames()).as("fields of %s", reply).containsExactlyInAnyOrder("success", "data");
        assertThat(reply.getValue("success")).as("success of %s", reply).isEqualTo(true);
        assertThat(reply.getValue("data")).as("data of %s", reply).isInstanceOf(type);
        return type.cast(reply.getValue("data"));
    }

    static JsonObject data(JsonObject reply) {
        return data(reply, JsonObject.class);
    }

    /**
     * Checks {@code {success: false, error: {code, message}}} with this code and a message, without
     * {@code details}, and returns the error.
     */
    static JsonObject error(JsonObject reply, String code) {
        JsonObject error = anyError(reply, code);
        assertThat(error.fieldNames()).as("fields of %s", error).containsExactlyInAnyOrder("code", "message");
        return error;
    }

    /** Checks a {@code VALIDATION_ERROR} and returns its {@code details}. */
    static JsonObject details(JsonObject reply) {
        JsonObject error = anyError(reply, "VALIDATION_ERROR");
        assertThat(error.fieldNames()).as("fields of %s", error)
                .containsExactlyInAnyOrder("code", "message", "details");
        assertThat(error.getValue("details")).as("details of %s", error).isInstanceOf(JsonObject.class);
        return error.getJsonObject("details");
    }

    private static JsonObject anyError(JsonObject reply, String code) {
        assertThat(reply.fieldNames()).as("fields of %s", reply).containsExactlyInAnyOrder("success", "error");
        assertThat(reply.getValue("success")).as("success of %s", reply).isEqualTo(false);
        assertThat(reply.getValue("error")).as("error of %s", reply).isInstanceOf(JsonObject.class);
        JsonObject error = reply.getJsonObject("error");
        assertThat(error.getValue("code")).as("code of %s", error).isEqualTo(code);
        assertThat(error.getValue("message")).as("message of %s", error).isInstanceOf(String.class);
        assertThat(error.getString("message")).as("message of %s", error).isNotBlank();
        return error;
    }
}
