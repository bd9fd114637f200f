package com.restaurantos.bench;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Options every scenario has, and what they share: tokens, the client, printing the result. */
final class Common {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:3001",
            description = "The server: Socket.IO at /socket.io/, REST at /api/v1 (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--secret", description = "The server's HS256 secret (else JWT_SECRET, else ./data/jwt-secret).")
    String secret;

    @Option(names = {"--pid", "--server-pid"}, defaultValue = "-1",
            description = "The server's process id: its CPU time and memory are read from /proc.")
    long pid;

    @Option(names = "--label", defaultValue = "server", description = "What to call the server in the figures.")
    String label;

    @Option(names = "--deflate", description = "Offer permessage-deflate as browsers do ('"
            + ClientConfig.BROWSER_DEFLATE_OFFER + "').")
    boolean deflate;

    @Option(names = "--sources", defaultValue = "127.0.0.2-127.0.0.5",
            description = "Source addresses in 127.0.0.0/8 to bind connections to in turn, each with its own"
                    + " ephemeral ports; empty lets the kernel choose (default: ${DEFAULT-VALUE}).")
    String sources;

    @Option(names = "--threads", defaultValue = "0", description = "Event loops of the generator (default: one a core).")
    int threads;

    @Option(names = "--setup-timeout", defaultValue = "15000",
            description = "Milliseconds a connection may take to be ready (default: ${DEFAULT-VALUE}).")
    int setupTimeoutMillis;

    @Option(names = "--out", description = "Also append the JSON line to this file.")
    Path out;

    int threads() {
        return threads > 0 ? threads : ProcStats.cores();
    }

    static List<UUID> restaurants(int count) {
        List<UUID> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID());
        }
        return ids;
    }

    /** The client of a run: every restaurant with a kitchen display's token. */
    BenchClient client(List<UUID> restaurants, BenchTokens tokens) {
        List<String> ids = restaurants.stream().map(UUID::toString).toList();
        List<String> subscriberTokens = restaurants.stream().map(tokens::subscriber).toList();
        ClientConfig config = new ClientConfig(url, deflate, ids, subscriberTokens, setupTimeoutMillis);
        return new BenchClient(config, threads(), BenchClient.parseSources(sources));
    }

    BenchTokens tokens() {
        return tokens(BenchTokens.TTL);
    }

    /** Tokens that live {@code ttl}: a socket lives no longer than its token. */
    BenchTokens tokens(Duration ttl) {
        return new BenchTokens(BenchTokens.secret(secret, System.getenv()), System.getenv(), ttl);
    }

    ServerProbe server() {
        return new ServerProbe(pid, url);
    }

    /** Puts what the run was and where: label, URL, deflate, the generator's shape, the load average. */
    Result start(String scenario, BenchClient client) {
        double[] load = ProcStats.loadAverage();
        return new Result(scenario)
                .put("label", label)
                .put("url", url.toString())
                .put("deflate", deflate)
                .put("cores", ProcStats.cores())
                .put("bench_threads", threads())
                .put("bench_transport", client.epoll() ? "epoll" : "nio")
                .put("sources", client.sources().size())
                .put("load_avg_1m_start", load[0]);
    }

    void finish(Result result, PrintStream stdout) throws IOException {
        result.put("load_avg_1m_end", ProcStats.loadAverage()[0]);
        stdout.println("== " + result.scenario() + " · " + label + (deflate ? " · deflate offered" : "") + " ==");
        stdout.print(result.table());
        String line = result.json();
        stdout.println(line);
        stdout.flush();
        append(line);
    }

    /** Appends a JSON line to the {@code --out} file, if there is one. */
    void append(String line) throws IOException {
        if (out != null) {
            Files.writeString(out, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    static Map<String, Object> top(Map<String, Long> counts, int limit) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(limit)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
