package com.restaurantos.socketio;

import java.security.SecureRandom;
import java.util.Base64;

/** Socket ids and private session ids: 120 random bits, URL-safe, unguessable. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
