package com.restaurantos.socketio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.restaurantos.engineio.EnginePacket;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The adapter of a single node: rooms in memory, and, when recovery is on, a time-bounded log
 * of recoverable broadcasts with the sessions of recently disconnected sockets.
 */
public final class InMemoryAdapter implements Adapter {
    private static final long SWEEP_MILLIS = 5_000;

    private final Namespace namespace;
    private final SocketIoOptions.Recovery recovery;
    private final Vertx vertx;
    private final Map<String, Set<String>> membersByRoom = new ConcurrentHashMap<>();
    // Immutable sets, replaced on a join or a leave: a socket is in two or three rooms and changes them rarely,
    // and a concurrent set per socket would cost some 200 bytes more per connection.
    private final Map<String, Set<String>> roomsBySocket = new ConcurrentHashMap<>();

    // Recovery: every logged broadcast has the next sequence number; its offset is that number
    // in base 36. Logging and delivery happen under one lock so that each client receives
    // broadcasts in offset order, which is what makes "everything after my offset" exact.
    private final Object logLock = new Object();
    private final ArrayDeque<LoggedPacket> log = new ArrayDeque<>();
    private long lastSeq;
    private final Map<String, SessionState.Persisted> sessions = new ConcurrentHashMap<>();
    private final long sweepTimer;

    private record LoggedPacket(long seq, long atMillis, Set<String> rooms, Set<String> except, ArrayNode data) {
    }

    public InMemoryAdapter(Namespace namespace, SocketIoOptions.Recovery recovery, Vertx vertx) {
        this.namespace = namespace;
        this.recovery = recovery;
        this.vertx = vertx;
        this.sweepTimer = recovery == null ? -1 : vertx.setPeriodic(SWEEP_MILLIS, t -> sweep());
    }

    @Override
    public void addAll(String socketId, Set<String> rooms) {
        roomsBySocket.compute(socketId, (k, own) -> {
            if (own == null) {
                return Set.copyOf(rooms);
            }
            Set<String> union = new HashSet<>(own);
            union.addAll(rooms);
            return Set.copyOf(union);
        });
        for (String room : rooms) {
            membersByRoom.compute(room, (k, members) -> withMember(members, socketId));
        }
    }

    @Override
    public void del(String socketId, String room) {
        roomsBySocket.computeIfPresent(socketId, (k, own) -> {
            if (!own.contains(room)) {
                return own;
            }
            Set<String> rest = new HashSet<>(own);
            rest.remove(room);
            return Set.copyOf(rest);
        });
        removeMember(room, socketId);
    }

    @Override
    public void delAll(String socketId) {
        Set<String> own = roomsBySocket.remove(socketId);
        if (own != null) {
            for (String room : own) {
                removeMember(room, socketId);
            }
        }
    }

    private void removeMember(String room, String socketId) {
        membersByRoom.computeIfPresent(room, (k, members) -> {
            if (members.size() == 1) {
                return members.contains(socketId) ? null : members;
            }
            members.remove(socketId);
            return members.isEmpty() ? null : members;
        });
    }

    /**
     * Most rooms have one member: every socket is alone in the room of its own id. Such a room is an immutable
     * set of one, and becomes a concurrent set when a second member joins. Called under the room's entry lock.
     */
    private static Set<String> withMember(Set<String> members, String socketId) {
        if (members == null) {
            return Set.of(socketId);
        }
        if (members.contains(socketId)) {
            return members;
        }
        if (members.size() == 1) {
            Set<String> grown = ConcurrentHashMap.newKeySet();
            grown.addAll(members);
            grown.add(socketId);
            return grown;
        }
        members.add(socketId);
        return members;
    }

    @Override
    public Set<String> socketRooms(String socketId) {
        return roomsBySocket.getOrDefault(socketId, Set.of());
    }

    @Override
    public Set<String> sockets(Set<String> rooms) {
        if (rooms.isEmpty()) {
            Set<String> all = new HashSet<>();
            namespace.sockets().forEach(s -> all.add(s.id()));
            return all;
        }
        Set<String> ids = new HashSet<>();
        for (String room : rooms) {
            Set<String> members = membersByRoom.get(room);
            if (members != null) {
                ids.addAll(members);
            }
        }
        return ids;
    }

    @Override
    public Set<String> rooms() {
        return Collections.unmodifiableSet(membersByRoom.keySet());
    }

    @Override
    public void broadcast(Packet packet, BroadcastOptions options) {
        List<EnginePacket> encoded = PacketEncoder.encode(packet);
        boolean recoverable = recovery != null && packet.type() == PacketType.EVENT && !packet.hasAckId()
                && !options.isVolatile() && packet.data() instanceof ArrayNode;
        if (!recoverable) {
            deliver(encoded, options);
            return;
        }
        synchronized (logLock) {
            long seq = ++lastSeq;
            String offset = Long.toString(seq, 36);
            ArrayNode data = ((ArrayNode) packet.data()).deepCopy().add(offset);
            log.add(new LoggedPacket(seq, System.currentTimeMillis(), options.rooms(), options.except(), data));
            trimLog();
            deliver(withOffset(encoded, offset), options);
        }
    }

    /** Appends the offset as the last argument without encoding the packet again. */
    private static List<EnginePacket> withOffset(List<EnginePacket> encoded, String offset) {
        String text = encoded.get(0).text();
        String header = text.substring(0, text.length() - 1) + ",\"" + offset + "\"]";
        List<EnginePacket> out = new ArrayList<>(encoded);
        out.set(0, EnginePacket.message(header));
        return out;
    }

    private void deliver(List<EnginePacket> encoded, BroadcastOptions options) {
        Set<String> excluded = options.except().isEmpty() ? Set.of() : sockets(options.except());
        if (options.rooms().isEmpty()) {
            for (Socket socket : namespace.sockets()) {
                if (!excluded.contains(socket.id())) {
                    socket.deliver(encoded, options.isVolatile());
                }
            }
            return;
        }
        Set<String> reached = options.rooms().size() == 1 ? null : new HashSet<>();
        for (String room : options.rooms()) {
            Set<String> members = membersByRoom.get(room);
            if (members == null) {
                continue;
            }
            for (String id : members) {
                if (excluded.contains(id) || reached != null && !reached.add(id)) {
                    continue;
                }
                Socket socket = namespace.socket(id);
                if (socket != null) {
                    socket.deliver(encoded, options.isVolatile());
                }
            }
        }
    }

    @Override
    public String admit(String socketId, Set<String> rooms, String replayAfter,
                        Consumer<List<ArrayNode>> beforeJoin) {
        if (recovery == null) {
            beforeJoin.accept(List.of());
            addAll(socketId, rooms);
            return null;
        }
        synchronized (logLock) {
            List<ArrayNode> missed = new ArrayList<>();
            if (replayAfter != null) {
                long after = parseOffset(replayAfter);
                for (LoggedPacket p : log) {
                    if (p.seq() > after && reaches(p, rooms)) {
                        missed.add(p.data());
                    }
                }
            }
            beforeJoin.accept(missed);
            addAll(socketId, rooms);
            return lastSeq == 0 ? null : Long.toString(lastSeq, 36);
        }
    }

    private static long parseOffset(String offset) {
        try {
            return Long.parseLong(offset, 36);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void persistSession(SessionState.Persisted session) {
        if (recovery != null) {
            sessions.put(session.pid(), session);
        }
    }

    @Override
    public Optional<SessionState.Restored> restoreSession(String pid, String offset) {
        if (recovery == null || pid == null) {
            return Optional.empty();
        }
        SessionState.Persisted session = sessions.remove(pid);
        if (session == null || expired(session.disconnectedAtMillis(), System.currentTimeMillis())) {
            return Optional.empty();
        }
        String from = offset != null ? offset : session.connectOffset() != null ? session.connectOffset() : "0";
        long fromSeq = parseOffset(from);
        synchronized (logLock) {
            long firstKept = log.isEmpty() ? lastSeq + 1 : log.peekFirst().seq();
            if (fromSeq < 0 || fromSeq > lastSeq || fromSeq + 1 < firstKept) {
                return Optional.empty();
            }
        }
        return Optional.of(new SessionState.Restored(session.sid(), session.pid(), session.rooms(), session.data(),
                from));
    }

    private static boolean reaches(LoggedPacket p, Set<String> rooms) {
        for (String room : p.except()) {
            if (rooms.contains(room)) {
                return false;
            }
        }
        if (p.rooms().isEmpty()) {
            return true;
        }
        for (String room : p.rooms()) {
            if (rooms.contains(room)) {
                return true;
            }
        }
        return false;
    }

    private boolean expired(long atMillis, long now) {
        return now - atMillis > recovery.maxDisconnectionDuration().toMillis();
    }

    private void trimLog() {
        long now = System.currentTimeMillis();
        while (!log.isEmpty() && (log.size() > recovery.maxLoggedPackets() || expired(log.peekFirst().atMillis(), now))) {
            log.pollFirst();
        }
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        for (Iterator<SessionState.Persisted> it = sessions.values().iterator(); it.hasNext(); ) {
            if (expired(it.next().disconnectedAtMillis(), now)) {
                it.remove();
            }
        }
        synchronized (logLock) {
            trimLog();
        }
    }

    @Override
    public void close() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
    }
}
