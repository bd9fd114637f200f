package com.restaurantos.socketio;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps the rooms of one namespace and fans broadcasts out to their members. The one seam for
 * a cluster: an implementation that also forwards broadcasts to other nodes fits behind it.
 */
public interface Adapter {
    void addAll(String socketId, Set<String> rooms);

    void del(String socketId, String room);

    void delAll(String socketId);

    /** The rooms a socket is in (empty for an unknown socket). */
    Set<String> socketRooms(String socketId);

    /** The ids of the sockets in any of these rooms; empty rooms means all sockets. */
    Set<String> sockets(Set<String> rooms);

    /** Every room that has at least one member. */
    Set<String> rooms();

    /** Sends the packet to the sockets the options select, encoding it once for all of them. */
    void broadcast(Packet packet, BroadcastOptions options);

    /**
     * Adds a connecting socket to its rooms, atomically with respect to recoverable broadcasts: first
     * {@code beforeJoin} gets the events logged after {@code replayAfter} that reach these rooms (none
     * when {@code replayAfter} is null), then the socket joins. So every recoverable broadcast either
     * is among those events or reaches the socket as a member, never neither nor both.
     *
     * @return the offset of the newest recoverable broadcast, or null when there is none or recovery is off
     */
    String admit(String socketId, Set<String> rooms, String replayAfter, Consumer<List<ArrayNode>> beforeJoin);

    /** Keeps a disconnected socket's state for recovery; does nothing when recovery is off. */
    void persistSession(SessionState.Persisted session);

    /**
     * Gives back a session, to replay what it missed after {@code offset} (or after it connected,
     * when the client received none). Empty when the session is unknown, expired, or when some
     * missed event is no longer kept: the client then needs a fresh session.
     */
    Optional<SessionState.Restored> restoreSession(String pid, String offset);

    /** Releases timers and state. */
    void close();
}
