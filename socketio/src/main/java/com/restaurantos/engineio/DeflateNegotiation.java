package com.restaurantos.engineio;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilter;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.HashMap;
import java.util.Map;

/**
 * permessage-deflate without its usual memory cost. Whatever the client offers, the answer is
 * {@code server_no_context_takeover; client_no_context_takeover} (RFC 7692 lets a server ask
 * for both even when they were not offered), so that neither the compressor nor the
 * decompressor of a connection outlives a message: an idle connection holds no zlib state.
 * Messages under the threshold are not compressed at all.
 *
 * <p>Vert.x negotiates the extension with a Netty handler it puts in every HTTP connection's
 * pipeline; this class swaps that handler for one with the handshaker above.
 */
final class DeflateNegotiation implements WebSocketServerExtensionHandshaker {
    /** The name under which Vert.x installs its extension handler. */
    private static final String VERTX_HANDLER_NAME = "webSocketExtensionHandler";
    private static final int COMPRESSION_LEVEL = 6;

    private final PerMessageDeflateServerExtensionHandshaker deflate;

    /**
     * @param threshold  messages shorter than this many bytes go uncompressed
     * @param maxPayload the most bytes a message may inflate to: a small frame cannot become a large allocation
     */
    DeflateNegotiation(int threshold, int maxPayload) {
        WebSocketExtensionFilter skipSmall = frame -> frame.content().readableBytes() < threshold;
        WebSocketExtensionFilterProvider filters = new WebSocketExtensionFilterProvider() {
            @Override
            public WebSocketExtensionFilter encoderFilter() {
                return skipSmall;
            }

            @Override
            public WebSocketExtensionFilter decoderFilter() {
                return WebSocketExtensionFilter.NEVER_SKIP;
            }
        };
        this.deflate = new PerMessageDeflateServerExtensionHandshaker(COMPRESSION_LEVEL, false,
                PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, true, true, filters, maxPayload);
    }

    @Override
    public WebSocketServerExtension handshakeExtension(WebSocketExtensionData offer) {
        if (!"permessage-deflate".equals(offer.name())) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>(offer.parameters());
        parameters.put("server_no_context_takeover", null);
        parameters.put("client_no_context_takeover", null);
        return deflate.handshakeExtension(new WebSocketExtensionData(offer.name(), parameters));
    }

    /** Installs this negotiation on a new HTTP connection; a no-op where Vert.x offers no compression. */
    void install(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            ChannelPipeline pipeline = base.channel().pipeline();
            if (pipeline.get(VERTX_HANDLER_NAME) != null) {
                pipeline.replace(VERTX_HANDLER_NAME, VERTX_HANDLER_NAME, new WebSocketServerExtensionHandler(this));
            }
        }
    }
}
