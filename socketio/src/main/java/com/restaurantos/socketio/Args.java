package com.restaurantos.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;

/** Turns the arguments an application passes to emit into JSON trees; binary stays binary. */
final class Args {
    private Args() {
    }

    static JsonNode toNode(Object arg) {
        if (arg == null) {
            return NullNode.instance;
        }
        if (arg instanceof JsonNode node) {
            return node;
        }
        if (arg instanceof byte[] bytes) {
            return BinaryNode.valueOf(bytes);
        }
        if (arg instanceof Buffer buffer) {
            return BinaryNode.valueOf(buffer.getBytes());
        }
        if (arg instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return BinaryNode.valueOf(bytes);
        }
        return Json.mapper().valueToTree(arg);
    }
}
