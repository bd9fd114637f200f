package com.restaurantos.engineio;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxHandler;

import java.util.Map;

/**
 * Turns an HTTP/1.1 upgrade request into a {@link WebSocketTransport} that owns the connection.
 *
 * <p>Vert.x parses the request, and routing, CORS and limits run on it as on any other. The answer and the frame
 * codec are then Netty's, put in the connection's own pipeline, and Vert.x's handler is replaced by the transport:
 * the HTTP connection object, its queues and the request it kept are left to the garbage collector, where a Vert.x
 * WebSocket would have kept all of them, and two queues more, for the connection's whole life.
 */
final class WebSocketUpgrade {
    private static final String SUPPORTED_VERSION = "13";
    private static final String TRANSPORT_HANDLER = "engine.io";
    private static final String FRAME_ENCODER = "wsencoder";
    private static final String FRAME_DECODER = "wsdecoder";

    private final WebSocketDecoderConfig frames;
    private final int maxPayload;
    private final int compressionThreshold;

    WebSocketUpgrade(EngineOptions options) {
        this.maxPayload = options.maxPayload();
        this.compressionThreshold = options.compressionThreshold();
        // Protocol violations are answered by the transport, with the close code the violation carries.
        this.frames = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxPayload)
                .allowExtensions(true)
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .closeOnProtocolViolation(false)
                .build();
    }

    /**
     * Answers the request with 101 and puts a transport in the connection's pipeline. Call it on the connection's
     * event loop, from the request's handler. The answer is written but not flushed, so that it leaves in one write
     * with what the session writes next (its open packet): flush the transport once that is written. Returns null,
     * after answering 400 or 426, for a request that is not a valid WebSocket handshake, and for a connection already
     * closed. A connection that breaks before the answer has left is closed, and the transport hears of it as of any
     * other end.
     */
    WebSocketTransport accept(HttpServerRequest request) {
        if (!(request.connection() instanceof ConnectionBase connection)) {
            request.response().setStatusCode(400).end();
            return null;
        }
        if (!SUPPORTED_VERSION.equals(request.getHeader("Sec-WebSocket-Version"))) {
            request.response().setStatusCode(426).putHeader("Sec-WebSocket-Version", SUPPORTED_VERSION).end();
            return null;
        }
        Channel channel = connection.channel();
        if (!channel.isActive()) {
            // Gone before its request was handled: no transport would ever hear of its end.
            return null;
        }
        ChannelPipeline pipeline = channel.pipeline();
        ChannelHandlerContext decoder = pipeline.context(HttpRequestDecoder.class);
        ChannelHandlerContext encoder = pipeline.context(HttpResponseEncoder.class);
        Handshaker handshaker = new Handshaker(frames);
        FullHttpResponse answer;
        try {
            if (decoder == null || encoder == null) {
                throw new IllegalStateException("no HTTP/1.1 codec in the connection's pipeline");
            }
            answer = handshaker.answer(nettyRequest(request));
        } catch (RuntimeException e) {
            request.response().setStatusCode(400).end();
            return null;
        }
        if (pipeline.get(HttpContentCompressor.class) != null) {
            pipeline.remove(HttpContentCompressor.class);
        }
        pipeline.addBefore(encoder.name(), FRAME_ENCODER, handshaker.frameEncoder());
        // On its way out the answer passes permessage-deflate's handler, which adds the extension's answer to its
        // headers and puts the extension's codec in the pipeline once the answer has left.
        channel.write(answer).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        boolean deflate = answer.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
        // The answer is bytes by now: from here on frames are written, and they must not meet the HTTP encoder.
        pipeline.remove(encoder.name());
        pipeline.replace(decoder.name(), FRAME_DECODER, handshaker.frameDecoder());
        return install(pipeline, ((HttpServerRequestInternal) request).context(), Thread.currentThread(), deflate);
    }

    private WebSocketTransport install(ChannelPipeline pipeline, ContextInternal context, Thread loop,
                                       boolean deflate) {
        WebSocketTransport transport = new WebSocketTransport(context, loop, compressionThreshold, maxPayload,
                deflate);
        if (pipeline.get(IdleStateHandler.class) != null) {
            // Idle HTTP connections are closed; a session's liveness is its heartbeat.
            pipeline.remove(IdleStateHandler.class);
        }
        pipeline.replace(VertxHandler.class, TRANSPORT_HANDLER, transport);
        return transport;
    }

    /** The request as Netty's handshaker reads it: its method, URI and headers, and an empty body. */
    private static FullHttpRequest nettyRequest(HttpServerRequest request) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.add(header.getKey(), header.getValue());
        }
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, request.uri(), Unpooled.EMPTY_BUFFER,
                headers, EmptyHttpHeaders.INSTANCE);
    }

    /** Netty's RFC 6455 handshake, used for its parts: the answer and the frame codec. */
    private static final class Handshaker extends WebSocketServerHandshaker13 {
        Handshaker(WebSocketDecoderConfig frames) {
            super(null, null, frames);
        }

        /** The 101 answer to a valid request; throws for an invalid one. */
        FullHttpResponse answer(FullHttpRequest request) {
            try {
                return newHandshakeResponse(request, null);
            } finally {
                request.release();
            }
        }

        ChannelHandler frameEncoder() {
            return newWebSocketEncoder();
        }

        ChannelHandler frameDecoder() {
            return newWebsocketDecoder();
        }
    }
}
