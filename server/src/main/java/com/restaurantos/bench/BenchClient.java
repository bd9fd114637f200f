package com.restaurantos.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The generator's sockets: one Netty event loop per core (epoll where available), and the source
 * addresses its connections are bound to in turn, each with its own ephemeral port range.
 */
final class BenchClient implements AutoCloseable {
    private final ClientConfig config;
    private final EventLoopGroup group;
    private final boolean epoll;
    private final Bootstrap bootstrap;
    private final InetSocketAddress remote;
    private final List<InetAddress> sources;
    private final AtomicInteger nextSource = new AtomicInteger();

    BenchClient(ClientConfig config, int threads, List<InetAddress> sources) {
        this.config = config;
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, io);
        this.sources = List.copyOf(sources);
        this.remote = new InetSocketAddress(config.host(), config.port());
        Bootstrap b = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.setupTimeoutMillis());
        if (epoll && !sources.isEmpty()) {
            // Take the port at connect(), per (source, destination): many sources then really add up.
            b.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        this.bootstrap = b;
    }

    ClientConfig config() {
        return config;
    }

    boolean epoll() {
        return epoll;
    }

    EventLoopGroup group() {
        return group;
    }

    List<InetAddress> sources() {
        return sources;
    }

    /** Opens a connection for the restaurant; the listener hears how it goes. */
    BenchConnection open(int restaurant, ConnectionListener listener) {
        return open(restaurant, config.greeting(restaurant), listener);
    }

    /** Opens a connection for the restaurant that greets the server with {@code greeting}. */
    BenchConnection open(int restaurant, Greeting greeting, ConnectionListener listener) {
        BenchConnection connection = new BenchConnection(config, greeting, listener, restaurant);
        Bootstrap b = bootstrap.clone().handler(connection);
        ChannelFuture future = sources.isEmpty() ? b.connect(remote)
                : b.connect(remote, new InetSocketAddress(
                        sources.get(Math.floorMod(nextSource.getAndIncrement(), sources.size())), 0));
        future.addListener(f -> {
            if (!f.isSuccess()) {
                connection.connectFailed(f.cause());
            }
        });
        return connection;
    }

    /** Runs {@code task} on every event loop and waits: what the loops wrote is then visible to the caller. */
    void onEveryLoop(Runnable task) {
        List<io.netty.util.concurrent.Future<?>> done = new ArrayList<>();
        group.forEach(executor -> done.add(executor.submit(task)));
        for (io.netty.util.concurrent.Future<?> f : done) {
            f.syncUninterruptibly();
        }
    }

    /**
     * Source addresses from a list such as {@code 127.0.0.2-127.0.0.9,127.0.1.1}; an empty list lets
     * the kernel choose. Only loopback addresses are accepted: this generator never leaves the machine.
     */
    static List<InetAddress> parseSources(String spec) {
        List<InetAddress> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String part : spec.split(",")) {
            String p = part.strip();
            int dash = p.indexOf('-');
            if (dash < 0) {
                out.add(loopback(p));
                continue;
            }
            byte[] from = loopback(p.substring(0, dash)).getAddress();
            byte[] to = loopback(p.substring(dash + 1)).getAddress();
            long a = toLong(from);
            long z = toLong(to);
            if (z < a || z - a > 65_536) {
                throw new IllegalArgumentException("bad source address range " + p);
            }
            for (long v = a; v <= z; v++) {
                out.add(loopback(((v >> 24) & 0xFF) + "." + ((v >> 16) & 0xFF) + "." + ((v >> 8) & 0xFF) + "." + (v & 0xFF)));
            }
        }
        return out;
    }

    private static long toLong(byte[] b) {
        return (b[0] & 0xFFL) << 24 | (b[1] & 0xFFL) << 16 | (b[2] & 0xFFL) << 8 | (b[3] & 0xFFL);
    }

    private static InetAddress loopback(String text) {
        try {
            InetAddress address = InetAddress.getByName(text.strip());
            if (!address.isLoopbackAddress() || address.getAddress().length != 4) {
                throw new IllegalArgumentException("source address " + text + " is not in 127.0.0.0/8");
            }
            return address;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad source address " + text);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
