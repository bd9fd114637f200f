package com.restaurantos.socketio;

import java.util.Map;
import java.util.Set;

/** What connection state recovery keeps of a socket, and gives back to it. */
public final class SessionState {
    private SessionState() {
    }

    /**
     * A socket that left for a recoverable reason.
     *
     * @param connectOffset the newest broadcast offset when the socket connected (null if none):
     *                      a client that comes back without an offset missed everything after it
     */
    public record Persisted(String sid, String pid, Set<String> rooms, Map<String, Object> data,
                            long disconnectedAtMillis, String connectOffset) {
        public Persisted {
            rooms = Set.copyOf(rooms);
            data = Map.copyOf(data);
        }
    }

    /**
     * A session given back to a returning client.
     *
     * @param replayAfter the offset after which its missed broadcasts start ({@code "0"}: all kept ones)
     */
    public record Restored(String sid, String pid, Set<String> rooms, Map<String, Object> data, String replayAfter) {
        public Restored {
            rooms = Set.copyOf(rooms);
            data = Map.copyOf(data);
        }
    }
}
