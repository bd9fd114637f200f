package com.restaurantos.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.restaurantos.engineio.EnginePacket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static com.restaurantos.socketio.PacketEncoderTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Socket.IO v5 packets as a client sends them, text and binary, valid and not. */
class PacketDecoderTest {
    private PacketDecoder decoder;

    @BeforeEach
    void newDecoder() {
        decoder = new PacketDecoder(10);
    }

    private Packet decode(String text) throws PacketDecodeException {
        return decoder.decode(EnginePacket.message(text));
    }

    private Packet attachment(int... bytes) throws PacketDecodeException {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        return decoder.decode(EnginePacket.binaryMessage(data));
    }

    private void assertRejected(String text, String reason) {
        assertThatThrownBy(() -> decode(text))
                .isInstanceOf(PacketDecodeException.class)
                .hasMessageContaining(reason);
    }

    // ---- CONNECT ----------------------------------------------------------------------------

    @Test
    void decodesConnectToTheMainNamespace() throws Exception {
        assertThat(decode("0")).isEqualTo(new Packet(PacketType.CONNECT, "/", Packet.NO_ACK, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/admin,", "0/admin"})
    void decodesConnectToACustomNamespaceWithOrWithoutTheTrailingComma(String text) throws Exception {
        assertThat(decode(text)).isEqualTo(new Packet(PacketType.CONNECT, "/admin", Packet.NO_ACK, null));
    }

    @Test
    void decodesConnectWithAnAuthPayload() throws Exception {
        assertThat(decode("0{\"token\":\"123\"}"))
                .isEqualTo(new Packet(PacketType.CONNECT, "/", Packet.NO_ACK, json("{\"token\":\"123\"}")));
        assertThat(decode("0/admin,{\"token\":\"123\"}"))
                .isEqualTo(new Packet(PacketType.CONNECT, "/admin", Packet.NO_ACK, json("{\"token\":\"123\"}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0\"abc\"", "0[1]", "0/admin,\"x\"", "0null", "0true"})
    void rejectsConnectWhosePayloadIsNotAnObject(String text) {
        assertRejected(text, "invalid payload for CONNECT");
    }

    @Test
    void rejectsConnectWithAnAckId() {
        assertRejected("01{}", "ack id");
        assertRejected("0/admin,42", "ack id");
    }

    // ---- DISCONNECT -------------------------------------------------------------------------

    @Test
    void decodesDisconnect() throws Exception {
        assertThat(decode("1")).isEqualTo(new Packet(PacketType.DISCONNECT, "/", Packet.NO_ACK, null));
        assertThat(decode("1/admin,")).isEqualTo(new Packet(PacketType.DISCONNECT, "/admin", Packet.NO_ACK, null));
        assertThat(decode("1/custom")).isEqualTo(new Packet(PacketType.DISCONNECT, "/custom", Packet.NO_ACK, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1{}", "1[\"x\"]", "1/admin,\"bye\""})
    void rejectsDisconnectWithAPayload(String text) {
        assertRejected(text, "invalid payload for DISCONNECT");
    }

    // ---- EVENT ------------------------------------------------------------------------------

    @Test
    void decodesAnEventInTheMainNamespace() throws Exception {
        assertThat(decode("2[\"foo\"]")).isEqualTo(new Packet(PacketType.EVENT, "/", Packet.NO_ACK, json("[\"foo\"]")));
    }

    @Test
    void decodesAnEventInACustomNamespace() throws Exception {
        assertThat(decode("2/admin,[\"bar\"]"))
                .isEqualTo(new Packet(PacketType.EVENT, "/admin", Packet.NO_ACK, json("[\"bar\"]")));
    }

    @Test
    void decodesTheAckIdOfAnEvent() throws Exception {
        assertThat(decode("212[\"foo\"]")).isEqualTo(new Packet(PacketType.EVENT, "/", 12, json("[\"foo\"]")));
        assertThat(decode("2/admin,13[\"bar\"]")).isEqualTo(new Packet(PacketType.EVENT, "/admin", 13, json("[\"bar\"]")));
        assertThat(decode("2456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]").ackId()).isEqualTo(456);
    }

    @Test
    void acceptsANumberAsEventName() throws Exception {
        assertThat(decode("2[1,\"x\"]").data()).isEqualTo(json("[1,\"x\"]"));
    }

    @Test
    void keepsArgumentValuesAndKeyOrder() throws Exception {
        Packet packet = decode("2[\"message\",1,\"2\",{\"3\":[true],\"a\":null,\"é\":\"€\"}]");

        assertThat(Json.mapper().writeValueAsString(packet.data()))
                .isEqualTo("[\"message\",1,\"2\",{\"3\":[true],\"a\":null,\"é\":\"€\"}]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2{}", "2[]", "2", "2\"foo\"", "2[null]", "2[{}]", "2[[\"a\"]]", "2[true]", "212",
            "2/admin,", "2/admin,{}"})
    void rejectsAnEventWhosePayloadIsNotANonEmptyArrayWithAName(String text) {
        assertRejected(text, "invalid payload for EVENT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"})
    void rejectsReservedEventNames(String name) {
        assertRejected("2[\"" + name + "\",1]", "invalid payload for EVENT");
        assertRejected("51-[\"" + name + "\",{\"_placeholder\":true,\"num\":0}]", "invalid payload for BINARY_EVENT");
    }

    @Test
    void acceptsNamesThatOnlyResembleReservedOnes() throws Exception {
        assertThat(decode("2[\"Connect\"]")).isNotNull();
        assertThat(decode("2[\"disconnected\"]")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2abc[\"message-with-ack\",1]", "2[\"a\"", "2[\"a\",]", "2['a']", "2[\"a\",NaN]",
            "2[\"a\",01]", "2-1[\"a\"]"})
    void rejectsAnEventWhosePayloadIsNotJson(String text) {
        assertThatThrownBy(() -> decode(text)).isInstanceOf(PacketDecodeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2[\"a\"]x", "2[\"a\"][\"b\"]", "2[\"a\"] 1", "0{}{}", "31[]]"})
    void rejectsTrailingDataAfterTheJsonPayload(String text) {
        assertRejected(text, "invalid JSON payload");
    }

    @Test
    void rejectsDuplicateKeysInAnObject() {
        assertRejected("0{\"a\":1,\"a\":2}", "invalid JSON payload");
    }

    @Test
    void rejectsNestingDeeperThanTheLimit() throws Exception {
        String ok = "2[\"a\"," + "[".repeat(Json.MAX_NESTING_DEPTH - 2) + "]".repeat(Json.MAX_NESTING_DEPTH - 2) + "]";
        assertThat(decode(ok)).isNotNull();

        String deep = "2[\"a\"," + "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1) + "]";
        assertRejected(deep, "invalid JSON payload");
    }

    @Test
    void rejectsAnAckIdLongerThanFifteenDigits() throws Exception {
        assertThat(decode("2999999999999999[\"a\"]").ackId()).isEqualTo(999_999_999_999_999L);
        assertRejected("21000000000000000[\"a\"]", "ack id too large");
    }

    @Test
    void rejectsANamespaceLongerThanTheLimit() throws Exception {
        assertThat(decode("0/" + "n".repeat(255) + ",").namespace()).hasSize(256);
        assertRejected("0/" + "n".repeat(256) + ",", "namespace too long");
    }

    // ---- ACK --------------------------------------------------------------------------------

    @Test
    void decodesAnAckWithAnEmptyOrFullArray() throws Exception {
        assertThat(decode("30[]")).isEqualTo(new Packet(PacketType.ACK, "/", 0, json("[]")));
        assertThat(decode("3/admin,13[\"bar\"]")).isEqualTo(new Packet(PacketType.ACK, "/admin", 13, json("[\"bar\"]")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3[]", "3[\"bar\"]", "3/admin,[]"})
    void rejectsAnAckWithoutAnId(String text) {
        assertRejected(text, "invalid payload for ACK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"31", "31{}", "31\"bar\"", "31null"})
    void rejectsAnAckWhosePayloadIsNotAnArray(String text) {
        assertRejected(text, "invalid payload for ACK");
    }

    // ---- CONNECT_ERROR and unknown types ---------------------------------------------------

    @Test
    void rejectsAConnectErrorSentByAClient() {
        assertRejected("4{\"message\":\"Not authorized\"}", "invalid payload for CONNECT_ERROR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "9[\"a\"]", "abc", "a", " 2[\"a\"]", "/admin,2"})
    void rejectsAnUnknownPacketType(String text) {
        assertRejected(text, "unknown packet type");
    }

    @Test
    void rejectsAnEmptyMessage() {
        assertRejected("", "empty packet");
    }

    // ---- binary -----------------------------------------------------------------------------

    @Test
    void waitsForEveryAttachmentThenPutsEachInItsPlaceholder() throws Exception {
        assertThat(decode("52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"k\":{\"_placeholder\":true,\"num\":1}}]"))
                .isNull();
        assertThat(decoder.awaitingAttachments()).isTrue();
        assertThat(attachment(1, 2)).isNull();

        Packet packet = attachment(3, 4);

        assertThat(decoder.awaitingAttachments()).isFalse();
        assertThat(packet.type()).isEqualTo(PacketType.BINARY_EVENT);
        assertThat(packet.namespace()).isEqualTo("/admin");
        assertThat(packet.ackId()).isEqualTo(Packet.NO_ACK);
        JsonNode data = packet.data();
        assertThat(data.get(0).asText()).isEqualTo("baz");
        assertThat(data.get(1).isBinary()).isTrue();
        assertThat(data.get(1).binaryValue()).containsExactly(1, 2);
        assertThat(data.get(2).get("k").binaryValue()).containsExactly(3, 4);
    }

    @Test
    void decodesABinaryEventWithAnAckId() throws Exception {
        decode("452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"
                .substring(1));
        attachment(1, 2, 3);
        Packet packet = attachment(4, 5, 6);

        assertThat(packet.ackId()).isEqualTo(789);
        assertThat(packet.data().get(1).binaryValue()).containsExactly(1, 2, 3);
        assertThat(packet.data().get(2).binaryValue()).containsExactly(4, 5, 6);
    }

    @Test
    void decodesABinaryAck() throws Exception {
        assertThat(decode("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]")).isNull();

        Packet packet = attachment(1, 2, 3, 4);

        assertThat(packet.type()).isEqualTo(PacketType.BINARY_ACK);
        assertThat(packet.ackId()).isEqualTo(15);
        assertThat(packet.data().get(1).binaryValue()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void letsTwoPlaceholdersShareOneAttachment() throws Exception {
        decode("51-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":0}]");

        Packet packet = attachment(7);

        assertThat(packet.data().get(1).binaryValue()).containsExactly(7);
        assertThat(packet.data().get(2).binaryValue()).containsExactly(7);
    }

    @Test
    void leavesObjectsThatAreNotPlaceholdersAlone() throws Exception {
        decode("51-[\"a\",{\"_placeholder\":false,\"num\":0},{\"_placeholder\":\"true\"},{\"_placeholder\":true,\"num\":0}]");

        Packet packet = attachment(7);

        assertThat(packet.data().get(1)).isEqualTo(json("{\"_placeholder\":false,\"num\":0}"));
        assertThat(packet.data().get(2)).isEqualTo(json("{\"_placeholder\":\"true\"}"));
        assertThat(packet.data().get(3).isBinary()).isTrue();
    }

    @Test
    void completesABinaryEventWithZeroAttachmentsAtOnce() throws Exception {
        Packet packet = decode("50-[\"a\",1]");

        assertThat(packet).isEqualTo(new Packet(PacketType.BINARY_EVENT, "/", Packet.NO_ACK, json("[\"a\",1]")));
        assertThat(decoder.awaitingAttachments()).isFalse();
    }

    @Test
    void rejectsAPlaceholderWhenThereAreZeroAttachments() {
        assertRejected("50-[\"a\",{\"_placeholder\":true,\"num\":0}]", "placeholder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"_placeholder\":true,\"num\":2}", "{\"_placeholder\":true,\"num\":-1}",
            "{\"_placeholder\":true,\"num\":\"0\"}", "{\"_placeholder\":true,\"num\":0.5}", "{\"_placeholder\":true}",
            "{\"_placeholder\":true,\"num\":99999999999}"})
    void rejectsAPlaceholderThatLiesAboutItsNumber(String placeholder) throws Exception {
        assertThat(decode("52-[\"a\"," + placeholder + "]")).isNull();
        assertThat(attachment(1)).isNull();

        assertThatThrownBy(() -> attachment(2))
                .isInstanceOf(PacketDecodeException.class)
                .hasMessageContaining("placeholder");
        assertThat(decoder.awaitingAttachments()).isFalse();
    }

    @Test
    void rejectsMoreAttachmentsThanTheLimit() throws Exception {
        String placeholders = "{\"_placeholder\":true,\"num\":0}";
        assertThat(decode("510-[\"a\"," + placeholders + "]")).isNull();
        decoder = new PacketDecoder(10);

        assertRejected("511-[\"a\"," + placeholders + "]", "too many attachments");
        assertThat(decoder.awaitingAttachments()).isFalse();
    }

    @Test
    void rejectsAttachmentsWhenNoBinaryPacketAnnouncedThem() throws Exception {
        assertThatThrownBy(() -> attachment(1, 2, 3))
                .isInstanceOf(PacketDecodeException.class)
                .hasMessageContaining("unexpected binary attachment");

        decode("2[\"plain\"]");
        assertThatThrownBy(() -> attachment(1)).isInstanceOf(PacketDecodeException.class);
    }

    @Test
    void rejectsAnExtraAttachmentAfterThePacketIsComplete() throws Exception {
        decode("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(attachment(1)).isNotNull();

        assertThatThrownBy(() -> attachment(2)).isInstanceOf(PacketDecodeException.class);
    }

    @Test
    void rejectsATextPacketWhileAttachmentsAreAwaitedAndForgetsThePendingOne() throws Exception {
        decode("52-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        attachment(1);

        assertRejected("2[\"b\"]", "attachments were awaited");

        assertThat(decoder.awaitingAttachments()).isFalse();
        assertThatThrownBy(() -> attachment(2)).isInstanceOf(PacketDecodeException.class);
    }

    @Test
    void decodesAgainAfterARejectedPacket() throws Exception {
        assertRejected("2{}", "invalid payload");

        assertThat(decode("2[\"ok\"]")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5[\"a\"]", "5-[\"a\"]", "51[\"a\"]", "5a-[\"a\"]", "51234567-[\"a\"]", "5", "51",
            "6-1[]", "6/admin,1[]", "5\u0663-[\"a\",{\"_placeholder\":true,\"num\":0}]", "5\uff11-[\"a\"]"})
    void rejectsABinaryPacketWithoutAValidAttachmentCount(String text) {
        assertRejected(text, "attachment count");
    }

    @Test
    void rejectsABinaryAckWithoutAnId() {
        assertRejected("61-[{\"_placeholder\":true,\"num\":0}]", "invalid payload for BINARY_ACK");
    }

    static Stream<String> binaryPacketsWithInvalidPayloads() {
        return Stream.of("51-{}", "51-[]", "51-", "61-1{}", "51-/admin,");
    }

    @ParameterizedTest
    @MethodSource("binaryPacketsWithInvalidPayloads")
    void rejectsABinaryPacketWithAnInvalidPayloadBeforeWaitingForAttachments(String text) {
        assertThatThrownBy(() -> decode(text)).isInstanceOf(PacketDecodeException.class);
        assertThat(decoder.awaitingAttachments()).isFalse();
    }
}
