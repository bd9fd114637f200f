package com.restaurantos.engineio;

/** The seven Engine.IO v4 packet types; the ordinal is the digit sent on the wire. */
public enum EnginePacketType {
    OPEN, CLOSE, PING, PONG, MESSAGE, UPGRADE, NOOP;

    private static final EnginePacketType[] BY_CODE = values();

    public char code() {
        return (char) ('0' + ordinal());
    }

    /** @return the type for a wire digit, or null if the character is not one. */
    public static EnginePacketType fromCode(char c) {
        int i = c - '0';
        return i >= 0 && i < BY_CODE.length ? BY_CODE[i] : null;
    }
}
