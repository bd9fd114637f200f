package com.restaurantos.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What went wrong in an interval of the soak, by kind.
 *
 * @param rest          REST calls answered with another status than expected, or not answered
 * @param unsent        REST calls due but not sent: too many waiting for their answer
 * @param ack           acks of the clients' events that said {@code success: false}
 * @param disconnects   connections closed by the server or the network, not by the soak
 * @param connects      connection attempts that did not get ready (refused, timed out, join refused)
 * @param notRecovered  reconnections that asked for recovery within its window and did not get it
 * @param missed        events a client was in the room for and did not receive ({@link Coverage})
 * @param duplicates    events a client received twice
 * @param foreign       events of another restaurant than the client's
 * @param unmatched     order events the generator cannot match to a call of its own
 */
record SoakErrors(long rest, long unsent, long ack, long disconnects, long connects, long notRecovered, long missed,
                  long duplicates, long foreign, long unmatched) {

    static final SoakErrors NONE = new SoakErrors(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    SoakErrors plus(SoakErrors o) {
        return new SoakErrors(rest + o.rest, unsent + o.unsent, ack + o.ack, disconnects + o.disconnects,
                connects + o.connects, notRecovered + o.notRecovered, missed + o.missed, duplicates + o.duplicates,
                foreign + o.foreign, unmatched + o.unmatched);
    }

    /** Every kind but {@code missed}, which has a threshold of its own. */
    long others() {
        return rest + unsent + ack + disconnects + connects + notRecovered + duplicates + foreign + unmatched;
    }

    long total() {
        return others() + missed;
    }

    /** The kinds by name, in a fixed order, zeros included (for JSON). */
    Map<String, Long> byKind() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("rest", rest);
        out.put("unsent", unsent);
        out.put("ack", ack);
        out.put("disconnects", disconnects);
        out.put("connects", connects);
        out.put("not_recovered", notRecovered);
        out.put("missed", missed);
        out.put("duplicates", duplicates);
        out.put("foreign", foreign);
        out.put("unmatched", unmatched);
        return out;
    }

    /** The kinds that are not zero, as {@code rest=2 missed=5}; {@code -} when there are none. */
    String nonZero() {
        StringBuilder out = new StringBuilder();
        byKind().forEach((k, v) -> {
            if (v != 0) {
                out.append(out.length() == 0 ? "" : " ").append(k).append('=').append(v);
            }
        });
        return out.length() == 0 ? "-" : out.toString();
    }
}
