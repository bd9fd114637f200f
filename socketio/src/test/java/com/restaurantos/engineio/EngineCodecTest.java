package com.restaurantos.engineio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Engine.IO v4 packet and payload encoding, as the protocol's "Packet encoding" section describes it. */
class EngineCodecTest {
    private static final String RS = "\u001e";

    @ParameterizedTest
    @CsvSource({
            "0, OPEN", "1, CLOSE", "2, PING", "3, PONG", "4, MESSAGE", "5, UPGRADE", "6, NOOP"})
    void decodesEachPacketTypeFromItsDigit(String digit, EnginePacketType type) throws Exception {
        EnginePacket packet = EngineCodec.decodeText(digit);

        assertThat(packet.type()).isEqualTo(type);
        assertThat(packet.text()).isEmpty();
        assertThat(packet.isBinary()).isFalse();
    }

    @Test
    void decodesTheDataAfterTheTypeDigit() throws Exception {
        EnginePacket packet = EngineCodec.decodeText("4hello");

        assertThat(packet).isEqualTo(EnginePacket.message("hello"));
    }

    @Test
    void decodesAProbeAsAPingWithData() throws Exception {
        EnginePacket packet = EngineCodec.decodeText("2probe");

        assertThat(packet.type()).isEqualTo(EnginePacketType.PING);
        assertThat(packet.text()).isEqualTo("probe");
    }

    @Test
    void keepsNonAsciiTextAsItIs() throws Exception {
        assertThat(EngineCodec.decodeText("4€ 🍕 é").text()).isEqualTo("€ 🍕 é");
    }

    @Test
    void rejectsAnEmptyPacket() {
        assertThatThrownBy(() -> EngineCodec.decodeText(""))
                .isInstanceOf(EngineDecodeException.class)
                .hasMessageContaining("empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "9hello", "abc", "b", "bAQIDBA==", "/", " 4", "-1"})
    void rejectsAnUnknownPacketType(String text) {
        assertThatThrownBy(() -> EngineCodec.decodeText(text))
                .isInstanceOf(EngineDecodeException.class)
                .hasMessageContaining("unknown packet type");
    }

    @Test
    void encodesATextPacketAsTypeDigitThenData() {
        assertThat(EnginePacket.message("hello").encodedText()).isEqualTo("4hello");
        assertThat(EnginePacket.PING.encodedText()).isEqualTo("2");
        assertThat(EnginePacket.of(EnginePacketType.PONG, "probe").encodedText()).isEqualTo("3probe");
    }

    @Test
    void decodesAPayloadOfSeveralPacketsSeparatedByTheRecordSeparator() throws Exception {
        List<EnginePacket> packets = EngineCodec.decodePayload("4hello" + RS + "2" + RS + "4world");

        assertThat(packets).containsExactly(
                EnginePacket.message("hello"), EnginePacket.PING, EnginePacket.message("world"));
    }

    @Test
    void decodesAPayloadOfOnePacket() throws Exception {
        assertThat(EngineCodec.decodePayload("4hello")).containsExactly(EnginePacket.message("hello"));
    }

    @Test
    void decodesABinaryRecordFromBase64() throws Exception {
        List<EnginePacket> packets = EngineCodec.decodePayload("4hello" + RS + "bAQIDBA==");

        assertThat(packets).hasSize(2);
        assertThat(packets.get(0)).isEqualTo(EnginePacket.message("hello"));
        assertThat(packets.get(1).isBinary()).isTrue();
        assertThat(packets.get(1).type()).isEqualTo(EnginePacketType.MESSAGE);
        assertThat(packets.get(1).binary()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void decodesAnEmptyBinaryRecord() throws Exception {
        List<EnginePacket> packets = EngineCodec.decodePayload("b");

        assertThat(packets).singleElement().satisfies(p -> assertThat(p.binary()).isEmpty());
    }

    @Test
    void rejectsAnEmptyPayload() {
        assertThatThrownBy(() -> EngineCodec.decodePayload(""))
                .isInstanceOf(EngineDecodeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4a\u001e", "\u001e4a", "4a\u001e\u001e4b"})
    void rejectsAPayloadWithAnEmptyRecord(String payload) {
        assertThatThrownBy(() -> EngineCodec.decodePayload(payload))
                .isInstanceOf(EngineDecodeException.class)
                .hasMessageContaining("empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"b!!!!", "bAQIDBA=x", "bA", "b€€€€", "4ok\u001ebnot base64"})
    void rejectsABinaryRecordThatIsNotBase64(String payload) {
        assertThatThrownBy(() -> EngineCodec.decodePayload(payload))
                .isInstanceOf(EngineDecodeException.class)
                .hasMessageContaining("base64");
    }

    @Test
    void rejectsAPayloadWhenAnyRecordHasAnUnknownType() {
        assertThatThrownBy(() -> EngineCodec.decodePayload("4hello" + RS + "abc"))
                .isInstanceOf(EngineDecodeException.class)
                .hasMessageContaining("unknown packet type");
    }

    @Test
    void encodesAPayloadJoinedByTheRecordSeparator() {
        String payload = EngineCodec.encodePayload(List.of(
                EnginePacket.message("test1"), EnginePacket.message("test2"), EnginePacket.PING));

        assertThat(payload).isEqualTo("4test1" + RS + "4test2" + RS + "2");
    }

    @Test
    void encodesABinaryMessageAsBPrefixedBase64WithPadding() {
        String payload = EngineCodec.encodePayload(List.of(
                EnginePacket.message("hello"), EnginePacket.binaryMessage(new byte[]{1, 2, 3, 4})));

        assertThat(payload).isEqualTo("4hello" + RS + "bAQIDBA==");
    }

    @Test
    void encodesAnEmptyListAsAnEmptyBody() {
        assertThat(EngineCodec.encodePayload(List.of())).isEmpty();
    }

    @Test
    void encodesTheOpenPacketWithItsJson() {
        EnginePacket open = EnginePacket.of(EnginePacketType.OPEN, "{\"sid\":\"x\"}");

        assertThat(EngineCodec.encodePayload(List.of(open))).isEqualTo("0{\"sid\":\"x\"}");
    }

    @Test
    void binaryPacketsWithTheSameBytesAreEqual() {
        assertThat(EnginePacket.binaryMessage(new byte[]{1, 2}))
                .isEqualTo(EnginePacket.binaryMessage(new byte[]{1, 2}))
                .hasSameHashCodeAs(EnginePacket.binaryMessage(new byte[]{1, 2}))
                .isNotEqualTo(EnginePacket.message("\u0001\u0002"));
    }
}
