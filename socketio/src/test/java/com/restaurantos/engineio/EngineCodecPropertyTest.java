package com.restaurantos.engineio;

import com.restaurantos.testing.Mutations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Engine.IO decoders take anything a client sends: they return packets or throw their own
 * {@link EngineDecodeException}, never anything else; and what the codec encodes it decodes back.
 */
class EngineCodecPropertyTest {
    /** Characters that matter to the codec, so that random input often looks almost valid. */
    private static final String CODEC_CHARS = "0123456789b\u001e=+/AQIDBAhelo€ \u0000";

    @Property
    void decodeTextReturnsAPacketOrThrowsOnlyItsDecodeException(@ForAll("inputs") String input) {
        try {
            EnginePacket packet = EngineCodec.decodeText(input);
            assertThat(packet.encodedText()).isEqualTo(input);
        } catch (EngineDecodeException expected) {
            // refused, as it may be
        }
    }

    @Property
    void decodePayloadReturnsPacketsOrThrowsOnlyItsDecodeException(@ForAll("inputs") String input) {
        try {
            List<EnginePacket> packets = EngineCodec.decodePayload(input);
            assertThat(packets).isNotEmpty();
        } catch (EngineDecodeException expected) {
            // refused, as it may be
        }
    }

    @Property
    void decodePayloadSurvivesMutatedValidPayloads(@ForAll("payloads") List<EnginePacket> packets,
                                                   @ForAll Random random) {
        String mutated = Mutations.mutate(EngineCodec.encodePayload(packets), CODEC_CHARS, random);
        try {
            EngineCodec.decodePayload(mutated);
        } catch (EngineDecodeException expected) {
            // refused, as it may be
        }
    }

    @Property
    void decodePayloadGivesBackWhatEncodePayloadWrote(@ForAll("payloads") List<EnginePacket> packets) throws Exception {
        String payload = EngineCodec.encodePayload(packets);

        assertThat(EngineCodec.decodePayload(payload)).isEqualTo(packets);
    }

    @Property
    void decodeTextGivesBackAnyTextPacket(@ForAll("textPackets") EnginePacket packet) throws Exception {
        assertThat(EngineCodec.decodeText(packet.encodedText())).isEqualTo(packet);
    }

    @Provide
    Arbitrary<String> inputs() {
        return Arbitraries.oneOf(
                Arbitraries.strings(),
                Arbitraries.strings().withChars(CODEC_CHARS.toCharArray()).ofMaxLength(40),
                Arbitraries.strings().withChars(CODEC_CHARS.toCharArray()).ofMaxLength(20).map(s -> "b" + s),
                Arbitraries.strings().ofMaxLength(20).map(s -> "4" + s));
    }

    @Provide
    Arbitrary<EnginePacket> textPackets() {
        return Combinators.combine(Arbitraries.of(EnginePacketType.class), Arbitraries.strings().ofMaxLength(50))
                .as(EnginePacket::of);
    }

    @Provide
    Arbitrary<List<EnginePacket>> payloads() {
        Arbitrary<EnginePacket> text = Combinators.combine(
                        Arbitraries.of(EnginePacketType.class),
                        Arbitraries.strings().ofMaxLength(30).map(s -> s.replace(EngineCodec.RECORD_SEPARATOR, ' ')))
                .as(EnginePacket::of);
        Arbitrary<EnginePacket> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(40)
                .map(EnginePacket::binaryMessage);
        return Arbitraries.frequencyOf(
                        Tuple.of(3, text),
                        Tuple.of(1, binary))
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 50)
    void decodesALargePayloadOfManyRecords(@ForAll @Size(min = 100, max = 300) List<@AlphaChars String> texts)
            throws Exception {
        List<EnginePacket> packets = texts.stream().map(EnginePacket::message).toList();

        assertThat(EngineCodec.decodePayload(EngineCodec.encodePayload(packets))).isEqualTo(packets);
    }
}
