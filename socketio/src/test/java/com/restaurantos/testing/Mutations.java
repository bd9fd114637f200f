package com.restaurantos.testing;

import java.util.Random;

/** Small random edits of valid encoded input, for the decoders' property tests. */
public final class Mutations {
    private Mutations() {
    }

    /** Applies one to four edits: insert, delete or replace a character, or cut the text short. */
    public static String mutate(String valid, String interestingChars, Random random) {
        StringBuilder sb = new StringBuilder(valid);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = sb.length() == 0 ? 0 : random.nextInt(sb.length() + 1);
            char c = random.nextInt(3) == 0
                    ? (char) random.nextInt(Character.MAX_VALUE + 1)
                    : interestingChars.charAt(random.nextInt(interestingChars.length()));
            switch (random.nextInt(4)) {
                case 0 -> sb.insert(at, c);
                case 1 -> {
                    if (at < sb.length()) {
                        sb.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, c);
                    }
                }
                default -> sb.setLength(at);
            }
        }
        return sb.toString();
    }
}
