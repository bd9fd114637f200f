package com.restaurantos.socketio;

import java.util.Set;

/**
 * Who a broadcast goes to and how.
 *
 * @param rooms      the rooms to reach; empty means every socket of the namespace
 * @param except     rooms whose members are left out
 * @param isVolatile whether the packet may be dropped for a client that is not ready for it
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, boolean isVolatile) {
    public BroadcastOptions {
        rooms = Set.copyOf(rooms);
        except = Set.copyOf(except);
    }

    public static BroadcastOptions toRooms(Set<String> rooms) {
        return new BroadcastOptions(rooms, Set.of(), false);
    }
}
