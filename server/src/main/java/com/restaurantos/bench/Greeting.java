package com.restaurantos.bench;

/**
 * What a connection sends once Engine.IO is open: its Socket.IO CONNECT (token, and for a
 * recovery the session and offset) and the join whose ack ({@link Wire#JOIN_ACK_ID}) makes it ready.
 */
record Greeting(byte[] connect, byte[] join) {
}
