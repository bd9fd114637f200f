package com.restaurantos.realtime;

import com.restaurantos.orders.Station;

import java.util.UUID;

/** Room names. The first two are the contract's; the others are this server's bookkeeping. */
final class Rooms {
    private static final String RESTAURANT = "restaurant:";
    private static final String STATION = "station:";
    private static final String STATIONS = "stations:";
    private static final String BATCHED = "batched:";

    private Rooms() {
    }

    static String restaurant(UUID restaurantId) {
        return RESTAURANT + restaurantId;
    }

    static String station(UUID restaurantId, Station station) {
        return STATION + restaurantId + ":" + station.wire();
    }

    /** Every socket of the restaurant that joined a station: they get order events by station only. */
    static String stationMembers(UUID restaurantId) {
        return STATIONS + restaurantId;
    }

    /** Sockets that asked for batching: they get {@code orders:batch_update} instead of single order events. */
    static String batched(UUID restaurantId) {
        return BATCHED + restaurantId;
    }

    /** Whether a room belongs to some restaurant (as opposed to a socket's own room). */
    static boolean isRestaurantScoped(String room) {
        return room.startsWith(RESTAURANT) || room.startsWith(STATION) || room.startsWith(STATIONS)
                || room.startsWith(BATCHED);
    }
}
