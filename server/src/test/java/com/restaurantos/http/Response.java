package com.restaurantos.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.http.HttpHeaders;

/** An HTTP answer as the tests read it. */
record Response(int status, String body, HttpHeaders headers) {
    JsonObject json() {
        return new JsonObject(body);
    }

    JsonObject error() {
        JsonObject json = json();
        if (!Boolean.FALSE.equals(json.getBoolean("success"))) {
            throw new AssertionError("not an error answer: " + body);
        }
        return json.getJsonObject("error");
    }

    String errorCode() {
        return error().getString("code");
    }

    JsonArray orders() {
        return json().getJsonArray("orders");
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
