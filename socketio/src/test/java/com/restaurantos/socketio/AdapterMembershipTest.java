package com.restaurantos.socketio;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Room membership in the in-memory adapter, through the shapes a room takes: a room of one (every socket's own),
 * growing to many, shrinking back, and gone with its last member.
 */
class AdapterMembershipTest {
    private final InMemoryAdapter adapter = new InMemoryAdapter(null, null, null);

    @Test
    void aRoomGrowsFromOneMemberToManyAndBack() {
        adapter.addAll("a", Set.of("a", "kitchen"));
        adapter.addAll("b", Set.of("b", "kitchen"));
        adapter.addAll("c", Set.of("c", "kitchen"));

        assertThat(adapter.sockets(Set.of("kitchen"))).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(adapter.sockets(Set.of("a"))).containsExactly("a");

        adapter.del("a", "kitchen");
        adapter.del("b", "kitchen");
        assertThat(adapter.sockets(Set.of("kitchen"))).containsExactly("c");
        adapter.addAll("d", Set.of("kitchen"));
        assertThat(adapter.sockets(Set.of("kitchen"))).containsExactlyInAnyOrder("c", "d");

        adapter.delAll("c");
        adapter.delAll("d");
        assertThat(adapter.rooms()).containsExactlyInAnyOrder("a", "b");
        assertThat(adapter.socketRooms("a")).containsExactly("a");
    }

    @Test
    void joiningARoomTwiceKeepsOneMembership() {
        adapter.addAll("a", Set.of("a"));
        adapter.addAll("a", Set.of("a", "bar"));
        adapter.addAll("b", Set.of("bar"));
        adapter.addAll("b", Set.of("bar"));

        assertThat(adapter.sockets(Set.of("a"))).containsExactly("a");
        assertThat(adapter.sockets(Set.of("bar"))).containsExactlyInAnyOrder("a", "b");
        assertThat(adapter.socketRooms("a")).containsExactlyInAnyOrder("a", "bar");
    }

    @Test
    void leavingARoomOneIsNotInChangesNothing() {
        adapter.addAll("a", Set.of("a", "expo"));
        adapter.addAll("b", Set.of("b"));

        adapter.del("b", "expo");
        adapter.del("b", "a");

        assertThat(adapter.sockets(Set.of("expo"))).containsExactly("a");
        assertThat(adapter.sockets(Set.of("a"))).containsExactly("a");
        assertThat(adapter.socketRooms("b")).containsExactly("b");
    }

    @Test
    void aSocketsRoomsAreASnapshotTheCallerCannotChange() {
        adapter.addAll("a", Set.of("a", "bar"));
        Set<String> rooms = adapter.socketRooms("a");

        adapter.del("a", "bar");

        assertThat(rooms).containsExactlyInAnyOrder("a", "bar");
        assertThat(adapter.socketRooms("a")).containsExactly("a");
        assertThat(adapter.socketRooms("nobody")).isEmpty();
    }
}
