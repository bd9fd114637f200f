package com.restaurantos.bench;

import java.nio.charset.StandardCharsets;

/**
 * The Engine.IO v4 and Socket.IO v5 text packets the generator sends, and allocation-free reading
 * of the ones it receives: a received message is looked at as bytes, never parsed into a tree.
 */
final class Wire {
    // Engine.IO packet types, as the first character of a text message.
    static final byte EIO_OPEN = '0';
    static final byte EIO_CLOSE = '1';
    static final byte EIO_PING = '2';
    static final byte EIO_MESSAGE = '4';
    // Socket.IO packet types, the character after Engine.IO's '4'.
    static final byte SIO_CONNECT = '0';
    static final byte SIO_DISCONNECT = '1';
    static final byte SIO_EVENT = '2';
    static final byte SIO_ACK = '3';
    static final byte SIO_CONNECT_ERROR = '4';

    static final byte[] PONG = {'3'};
    /** The ack id of the generator's {@code join:restaurant}. */
    static final int JOIN_ACK_ID = 1;

    static final byte[] ORDER_CREATED = ascii("order:created");
    static final byte[] STATUS_CHANGED = ascii("order:status_changed");
    static final byte[] NOTES_STAMP = ascii("\"notes\":\"" + Stamps.NOTES_PREFIX);
    static final byte[] ORDER_ID = ascii("\"orderId\":\"");
    static final byte[] STATUS = ascii("\"status\":\"");
    static final byte[] SUCCESS_TRUE = ascii("\"success\":true");
    static final byte[] BATCH_UPDATE = ascii("orders:batch_update");
    static final byte[] BATCH_ENTRY = ascii("{\"event\":\"");
    static final byte[] CONNECTION_STATUS = ascii("connection:status");
    static final byte[] RECOVERED_TRUE = ascii("\"recovered\":true");
    static final byte[] PID = ascii("\"pid\":\"");

    private Wire() {
    }

    /** Socket.IO CONNECT to the main namespace with {@code auth: {token}}. */
    static byte[] connect(String token) {
        return ascii("40{\"token\":\"" + jsonEscape(token) + "\"}");
    }

    /**
     * Socket.IO CONNECT that asks for connection state recovery: the session id ({@code pid}) the
     * server gave before, and the offset of the last event received from it.
     */
    static byte[] connect(String token, String pid, String offset) {
        return ascii("40{\"token\":\"" + jsonEscape(token) + "\",\"pid\":\"" + jsonEscape(pid) + "\",\"offset\":\""
                + jsonEscape(offset) + "\"}");
    }

    /** {@code join:restaurant} with {@code batch: true}, asking for an ack as {@link #joinRestaurant} does. */
    static byte[] joinRestaurantBatched(String restaurantId) {
        return ascii("42" + JOIN_ACK_ID + "[\"join:restaurant\",{\"restaurantId\":\"" + jsonEscape(restaurantId)
                + "\",\"batch\":true}]");
    }

    /** {@code join:station}, asking for an ack as {@link #joinRestaurant} does. */
    static byte[] joinStation(String restaurantId, String station) {
        return ascii("42" + JOIN_ACK_ID + "[\"join:station\",{\"restaurantId\":\"" + jsonEscape(restaurantId)
                + "\",\"station\":\"" + jsonEscape(station) + "\"}]");
    }

    /** {@code orders:sync} of the active orders, asking for an ack with {@code ackId}. */
    static byte[] ordersSync(int ackId, String restaurantId) {
        return ascii("42" + ackId + "[\"orders:sync\",{\"restaurantId\":\"" + jsonEscape(restaurantId) + "\"}]");
    }

    /** {@code join:restaurant} with the restaurant id, asking for an ack. */
    static byte[] joinRestaurant(String restaurantId) {
        return ascii("42" + JOIN_ACK_ID + "[\"join:restaurant\",\"" + jsonEscape(restaurantId) + "\"]");
    }

    /** Whether the message is a Socket.IO EVENT whose name is {@code name}: {@code 42["name",...}. */
    static boolean isEvent(byte[] m, int off, int len, byte[] name) {
        int start = off + 4;
        if (len < 4 + name.length + 1 || m[off] != EIO_MESSAGE || m[off + 1] != SIO_EVENT || m[off + 2] != '['
                || m[off + 3] != '"' || m[start + name.length] != '"') {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (m[start + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the message is the ack of the join ({@code 431[...]}) and says {@code success: true}. */
    static boolean isSuccessfulJoinAck(byte[] m, int off, int len) {
        return len > 3 && m[off] == EIO_MESSAGE && m[off + 1] == SIO_ACK && m[off + 2] == '0' + JOIN_ACK_ID
                && m[off + 3] == '[' && indexOf(m, off, len, SUCCESS_TRUE) >= 0;
    }

    /** Whether the message is the ack with this id ({@code 43<id>[...}). */
    static boolean isAck(byte[] m, int off, int len, int ackId) {
        byte[] id = ascii(Integer.toString(ackId));
        if (len < 3 + id.length || m[off] != EIO_MESSAGE || m[off + 1] != SIO_ACK || m[off + 2 + id.length] != '[') {
            return false;
        }
        for (int i = 0; i < id.length; i++) {
            if (m[off + 2 + i] != id[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The last argument of an event when it is a string, as connection state recovery appends the
     * event's offset ({@code 42["name",{...},"offset"]}); null when the last argument is not a string.
     */
    static String lastStringArgument(byte[] m, int off, int len) {
        int end = off + len - 1;
        if (len < 4 || m[end] != ']' || m[end - 1] != '"') {
            return null;
        }
        for (int i = end - 2; i > off; i--) {
            if (m[i] == '"') {
                return m[i - 1] == ',' ? new String(m, i + 1, end - 2 - i, StandardCharsets.UTF_8) : null;
            }
        }
        return null;
    }

    /** The string value after {@code pattern} (which ends with its opening quote), or null. */
    static String stringAfter(byte[] m, int off, int len, byte[] pattern) {
        int at = after(m, off, len, pattern);
        if (at < 0) {
            return null;
        }
        for (int i = at; i < off + len; i++) {
            if (m[i] == '"') {
                return new String(m, at, i - at, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The position just after the first occurrence of {@code pattern}, or -1. */
    static int after(byte[] m, int off, int len, byte[] pattern) {
        int at = indexOf(m, off, len, pattern);
        return at < 0 ? -1 : at + pattern.length;
    }

    static int indexOf(byte[] m, int off, int len, byte[] pattern) {
        int last = off + len - pattern.length;
        byte first = pattern[0];
        outer:
        for (int i = off; i <= last; i++) {
            if (m[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (m[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The decimal number at {@code at} (up to the first non-digit), or -1 if there is none. */
    static long number(byte[] m, int at, int end) {
        long n = 0;
        int i = at;
        while (i < end && m[i] >= '0' && m[i] <= '9' && i - at < 18) {
            n = n * 10 + (m[i] - '0');
            i++;
        }
        return i == at ? -1 : n;
    }

    /** 16 hex digits of a UUID's canonical text starting at {@code at} (dashes skipped) as a long, or fails. */
    static long hex64(byte[] m, int at, int end) {
        long v = 0;
        int digits = 0;
        int i = at;
        while (digits < 16) {
            if (i >= end) {
                throw new IllegalArgumentException("truncated id");
            }
            byte c = m[i++];
            if (c == '-') {
                continue;
            }
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                throw new IllegalArgumentException("not a hex digit");
            }
            v = v << 4 | d;
            digits++;
        }
        return v;
    }

    /** Where the second half of the UUID text starting at {@code at} begins: after 16 hex digits and 3 dashes. */
    static int secondHalf(int at) {
        return at + 19;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
