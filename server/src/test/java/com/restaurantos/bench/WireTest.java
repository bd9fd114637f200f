package com.restaurantos.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WireTest {
    private static final String ORDER = "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesConnectWithTheTokenAndAJoinThatAsksForAnAck() {
        assertThat(new String(Wire.connect("a.b.c"), StandardCharsets.UTF_8)).isEqualTo("40{\"token\":\"a.b.c\"}");
        assertThat(new String(Wire.joinRestaurant("r-1"), StandardCharsets.UTF_8))
                .isEqualTo("421[\"join:restaurant\",\"r-1\"]");
        assertThat(Wire.jsonEscape("a\"b\\c\n")).isEqualTo("a\\\"b\\\\c\\u000a");
    }

    @Test
    void recognisesEventsByName() {
        byte[] m = bytes("42[\"order:created\",{\"id\":\"x\"}]");
        assertThat(Wire.isEvent(m, 0, m.length, Wire.ORDER_CREATED)).isTrue();
        assertThat(Wire.isEvent(m, 0, m.length, Wire.STATUS_CHANGED)).isFalse();
        byte[] longer = bytes("42[\"order:created_later\",{}]");
        assertThat(Wire.isEvent(longer, 0, longer.length, Wire.ORDER_CREATED)).isFalse();
        byte[] ack = bytes("431[{\"success\":true,\"data\":{}}]");
        assertThat(Wire.isEvent(ack, 0, ack.length, Wire.ORDER_CREATED)).isFalse();
        byte[] tiny = bytes("42[");
        assertThat(Wire.isEvent(tiny, 0, tiny.length, Wire.ORDER_CREATED)).isFalse();
    }

    @Test
    void tellsASuccessfulJoinAckFromARefusal() {
        byte[] ok = bytes("431[{\"success\":true,\"data\":{\"restaurantId\":\"r\",\"room\":\"restaurant:r\"}}]");
        byte[] refused = bytes("431[{\"success\":false,\"error\":{\"code\":\"PERMISSION_DENIED\"}}]");
        byte[] otherAck = bytes("432[{\"success\":true}]");
        assertThat(Wire.isSuccessfulJoinAck(ok, 0, ok.length)).isTrue();
        assertThat(Wire.isSuccessfulJoinAck(refused, 0, refused.length)).isFalse();
        assertThat(Wire.isSuccessfulJoinAck(otherAck, 0, otherAck.length)).isFalse();
    }

    @Test
    void readsNumbersAndUuidHalves() {
        byte[] m = bytes("x" + ORDER + "\"");
        UUID id = UUID.fromString(ORDER);
        assertThat(Wire.hex64(m, 1, m.length)).isEqualTo(id.getMostSignificantBits());
        assertThat(Wire.hex64(m, Wire.secondHalf(1), m.length)).isEqualTo(id.getLeastSignificantBits());
        byte[] n = bytes("bench:12345\"");
        assertThat(Wire.number(n, 6, n.length)).isEqualTo(12345);
        assertThat(Wire.number(n, 0, n.length)).isEqualTo(-1);
    }

    @Test
    void matchesACreationToItsCallByTheStampInItsNotes() {
        Stamps stamps = new Stamps();
        Stamps.Op op = new Stamps.Op(77, 123_456_789L, 2, 0, 0);
        stamps.created(op);
        // As our server sends it: recovery offset last.
        byte[] m = bytes("42[\"order:created\",{\"id\":\"" + ORDER + "\",\"status\":\"new\",\"items\":[],"
                + "\"notes\":\"bench:77\",\"created_at\":\"2026-01-01T00:00:00.000Z\"},\"a1\"]");
        assertThat(stamps.causeOf(m, 0, m.length)).isSameAs(op);
        byte[] unknown = bytes("42[\"order:created\",{\"notes\":\"bench:78\"}]");
        assertThat(stamps.causeOf(unknown, 0, unknown.length)).isNull();
        byte[] noStamp = bytes("42[\"order:created\",{\"notes\":\"table by the window\"}]");
        assertThat(stamps.causeOf(noStamp, 0, noStamp.length)).isNull();
    }

    @Test
    void matchesAStatusChangeToItsCallByOrderAndStatus() {
        Stamps stamps = new Stamps();
        Stamps.Op confirmed = new Stamps.Op(-1, 1, 0, 0, 1);
        Stamps.Op preparing = new Stamps.Op(-1, 2, 1, 0, 2);
        stamps.statusChange(UUID.fromString(ORDER), 1, confirmed);
        stamps.statusChange(UUID.fromString(ORDER), 2, preparing);
        byte[] m = bytes("42[\"order:status_changed\",{\"orderId\":\"" + ORDER + "\",\"previousStatus\":\"confirmed\","
                + "\"status\":\"preparing\",\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"restaurant_id\":\"r\"}]");
        assertThat(stamps.causeOf(m, 0, m.length)).isSameAs(preparing);
        byte[] upper = bytes("42[\"order:status_changed\",{\"orderId\":\"" + ORDER.toUpperCase()
                + "\",\"status\":\"confirmed\"}]");
        assertThat(stamps.causeOf(upper, 0, upper.length)).isSameAs(confirmed);
        byte[] other = bytes("42[\"connection:status\",{\"state\":\"connected\"}]");
        assertThat(stamps.causeOf(other, 0, other.length)).isNull();
    }

    @Test
    void writesTheSoakClientsPackets() {
        assertThat(new String(Wire.connect("t", "p1", "a9"), StandardCharsets.UTF_8))
                .isEqualTo("40{\"token\":\"t\",\"pid\":\"p1\",\"offset\":\"a9\"}");
        assertThat(new String(Wire.joinRestaurantBatched("r"), StandardCharsets.UTF_8))
                .isEqualTo("421[\"join:restaurant\",{\"restaurantId\":\"r\",\"batch\":true}]");
        assertThat(new String(Wire.joinStation("r", "bar"), StandardCharsets.UTF_8))
                .isEqualTo("421[\"join:station\",{\"restaurantId\":\"r\",\"station\":\"bar\"}]");
        assertThat(new String(Wire.ordersSync(2, "r"), StandardCharsets.UTF_8))
                .isEqualTo("422[\"orders:sync\",{\"restaurantId\":\"r\"}]");
    }

    @Test
    void readsAcksOffsetsAndThePid() {
        byte[] ack = bytes("4312[{\"success\":true}]");
        assertThat(Wire.isAck(ack, 0, ack.length, 12)).isTrue();
        assertThat(Wire.isAck(ack, 0, ack.length, 1)).isFalse();
        byte[] withOffset = bytes("42[\"order:created\",{\"notes\":\"x\"},\"1z\"]");
        assertThat(Wire.lastStringArgument(withOffset, 0, withOffset.length)).isEqualTo("1z");
        byte[] without = bytes("42[\"order:created\",{\"notes\":\"x\"}]");
        assertThat(Wire.lastStringArgument(without, 0, without.length)).isNull();
        byte[] connect = bytes("40{\"sid\":\"s1\",\"pid\":\"p-2\"}");
        assertThat(Wire.stringAfter(connect, 0, connect.length, Wire.PID)).isEqualTo("p-2");
    }

    @Test
    void matchesEachEntryOfABatchToItsCall() {
        Stamps stamps = new Stamps();
        Stamps.Op created = new Stamps.Op(5, 1, 0, 0, 0);
        Stamps.Op confirmed = new Stamps.Op(-1, 2, 0, 0, 1);
        stamps.created(created);
        stamps.statusChange(UUID.fromString(ORDER), 1, confirmed);
        byte[] m = bytes("42[\"orders:batch_update\",[{\"event\":\"order:created\",\"data\":{\"id\":\"" + ORDER
                + "\",\"status\":\"new\",\"notes\":\"bench:5\"}},{\"event\":\"table:ready\",\"data\":{}},"
                + "{\"event\":\"order:status_changed\",\"data\":{\"orderId\":\"" + ORDER
                + "\",\"previousStatus\":\"new\",\"status\":\"confirmed\"}},"
                + "{\"event\":\"order:created\",\"data\":{\"notes\":\"bench:6\"}}],\"3k\"]");
        List<Stamps.Op> seen = new ArrayList<>();
        assertThat(stamps.causesInBatch(m, 0, m.length, seen::add)).isEqualTo(3);
        assertThat(seen).containsExactly(created, confirmed, null);
    }

    @Test
    void readsLifecycleStatusesByTheirWholeName() {
        byte[] m = bytes("completed\" confirmed\" ready\" readyish\"");
        assertThat(Stamps.lifecycleIndex(m, 0, m.length)).isEqualTo(4);
        assertThat(Stamps.lifecycleIndex(m, 11, m.length)).isEqualTo(1);
        assertThat(Stamps.lifecycleIndex(m, 22, m.length)).isEqualTo(3);
        assertThat(Stamps.lifecycleIndex(m, 29, m.length)).isEqualTo(-1);
    }

    @Test
    void acceptsOnlyLoopbackSourceAddresses() {
        assertThat(BenchClient.parseSources("127.0.0.2-127.0.0.4,127.0.1.1")).extracting(a -> a.getHostAddress())
                .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.1.1");
        assertThat(BenchClient.parseSources("")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchClient.parseSources("10.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.0/8");
    }
}
