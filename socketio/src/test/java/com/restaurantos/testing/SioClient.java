package com.restaurantos.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A raw Socket.IO client over one WebSocket: sends and reads Socket.IO packets as text (without
 * the Engine.IO {@code 4}), answers pings on its own and skips them.
 */
public final class SioClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WsClient ws;
    private final String engineSid;

    private SioClient(WsClient ws, String engineSid) {
        this.ws = ws;
        this.engineSid = engineSid;
    }

    /** Opens a WebSocket-only Engine.IO session; no namespace is joined yet. */
    public static SioClient open(TestServer server) {
        WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket");
        String open = ws.nextText();
        if (!open.startsWith("0{")) {
            throw new AssertionError("expected the open packet, got " + open);
        }
        return new SioClient(ws, json(open.substring(1)).get("sid").asText());
    }

    /** Opens a session and joins the main namespace; returns the socket id. */
    public static SioClient connected(TestServer server) {
        SioClient client = open(server);
        client.connect("/", null);
        return client;
    }

    public String engineSid() {
        return engineSid;
    }

    public WsClient ws() {
        return ws;
    }

    /**
     * Sends CONNECT for this namespace with this auth JSON (or none) and returns the reply's
     * payload; fails if the reply is not a CONNECT.
     */
    public JsonNode connect(String namespace, String auth) {
        String prefix = "/".equals(namespace) ? "" : namespace + ",";
        send("0" + prefix + (auth == null ? "" : auth));
        String reply = next();
        if (!reply.startsWith("0" + prefix + "{")) {
            throw new AssertionError("expected a CONNECT reply for " + namespace + ", got " + reply);
        }
        return json(reply.substring(1 + prefix.length()));
    }

    /** Sends one Socket.IO packet, e.g. {@code 2["hello"]}. */
    public void send(String packet) {
        ws.send("4" + packet);
    }

    public void sendBinary(byte[] attachment) {
        ws.sendBinary(attachment);
    }

    /** The next Socket.IO packet as text, without the Engine.IO type; pings are answered and skipped. */
    public String next() {
        while (true) {
            String frame = ws.nextText();
            if (frame.equals("2")) {
                ws.send("3");
                continue;
            }
            if (!frame.startsWith("4")) {
                throw new AssertionError("expected a message packet, got " + frame);
            }
            return frame.substring(1);
        }
    }

    /** The next binary attachment. */
    public byte[] nextBinary() {
        return ws.nextBinary();
    }

    public void awaitClosed() {
        ws.awaitClosed();
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Override
    public void close() {
        ws.close();
    }
}
