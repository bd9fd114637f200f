package com.restaurantos.engineio;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxHandler;

import java.util.Map;

/**
 * Turns an HTTP/1.1 upgrade request into a {@link WebSocketTransport} that owns the connection.
 *
 * <p>Vert.x parses the request, and routing, CORS and limits run on it as on any other. The handshake is then
 * Netty's, done on the connection's own pipeline, and Vert.x's handler is replaced by the transport: the HTTP
 * connection object, its queues and the request it kept are left to the garbage collector, where a Vert.x
 * WebSocket would have kept all of them, and two queues more, for the connection's whole life.
 */
final class WebSocketUpgrade {
    private static final String SUPPORTED_VERSION = "13";
    private static final String TRANSPORT_HANDLER = "engine.io";

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
     * Answers the request with 101 and puts a transport in the connection's pipeline. Call it on the
     * connection's event loop, from the request's handler. Fails (after answering 400 or 426) for a request
     * that is not a valid WebSocket handshake, and when the connection breaks before the answer is written.
     */
    Future<WebSocketTransport> accept(HttpServerRequest request) {
        if (!(request.connection() instanceof ConnectionBase connection)) {
            request.response().setStatusCode(400).end();
            return Future.failedFuture("websocket upgrade over a connection that is not HTTP/1.1");
        }
        if (!SUPPORTED_VERSION.equals(request.getHeader("Sec-WebSocket-Version"))) {
            request.response().setStatusCode(426).putHeader("Sec-WebSocket-Version", SUPPORTED_VERSION).end();
            return Future.failedFuture("unsupported websocket version");
        }
        Context context = ((HttpServerRequestInternal) request).context();
        Thread loop = Thread.currentThread();
        Channel channel = connection.channel();
        WebSocketServerHandshaker13 handshaker = new WebSocketServerHandshaker13(null, null, frames);
        ChannelFuture written;
        try {
            written = handshaker.handshake(channel, nettyRequest(request));
        } catch (RuntimeException e) {
            request.response().setStatusCode(400).end();
            return Future.failedFuture(e);
        }
        Promise<WebSocketTransport> transport = Promise.promise();
        // Netty's own listener, added first, has already swapped the HTTP codec for the frame codec.
        written.addListener(done -> {
            if (done.isSuccess()) {
                transport.complete(install(channel.pipeline(), context, loop));
            } else {
                channel.close();
                transport.fail(done.cause());
            }
        });
        return transport.future();
    }

    private WebSocketTransport install(ChannelPipeline pipeline, Context context, Thread loop) {
        WebSocketTransport transport = new WebSocketTransport(context, loop, compressionThreshold, maxPayload);
        if (pipeline.get(IdleStateHandler.class) != null) {
            // Idle HTTP connections are closed; a session's liveness is its heartbeat.
            pipeline.remove(IdleStateHandler.class);
        }
        pipeline.replace(VertxHandler.class, TRANSPORT_HANDLER, transport);
        return transport;
    }

    /** The request as Netty's handshake reads it: its method, URI and headers. */
    private static FullHttpRequest nettyRequest(HttpServerRequest request) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.add(header.getKey(), header.getValue());
        }
        // Whole, with its empty body: handed a partial request, Netty would wait to read the rest of it.
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, request.uri(), Unpooled.EMPTY_BUFFER,
                headers, EmptyHttpHeaders.INSTANCE);
    }
}
