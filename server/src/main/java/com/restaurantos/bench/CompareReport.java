package com.restaurantos.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code compare}: the results of the same scenarios against two servers, side by side with their
 * ratios and the goals of issue 6, as Markdown tables. The last line of each scenario and deflate
 * setting in each file counts.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Print the figures of two result files (JSON lines) side by side, with ratios and goals.")
final class CompareReport implements Callable<Integer> {
    static final double IDLE_DEFLATE_GOAL_BYTES = 20 * 1024;
    static final long IDLE_CONNECTIONS_GOAL = 100_000;

    @Option(names = "--ours", required = true, description = "Results of our server.")
    Path ours;

    @Option(names = "--node", required = true, description = "Results of the Node socket.io server.")
    Path node;

    @Override
    public Integer call() throws IOException {
        System.out.print(report(read(ours), read(node)));
        return 0;
    }

    static Map<String, Result> read(Path file) throws IOException {
        Map<String, Result> byKey = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            Result r = Result.parse(line.strip());
            byKey.put(key(r), r);
        }
        return byKey;
    }

    static String key(Result r) {
        return r.scenario() + (Boolean.TRUE.equals(r.get("deflate")) ? " (deflate offered)" : " (no deflate)");
    }

    static String report(Map<String, Result> ours, Map<String, Result> node) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Result> e : ours.entrySet()) {
            Result theirs = node.get(e.getKey());
            if (theirs == null) {
                continue;
            }
            Result mine = e.getValue();
            out.append("\n### ").append(e.getKey()).append("\n\n");
            switch (mine.scenario()) {
                case "idle" -> idle(out, mine, theirs);
                case "storm" -> storm(out, mine, theirs);
                case "fanout" -> fanout(out, mine, theirs);
                default -> out.append("(no comparison for this scenario)\n");
            }
            out.append("\nload average (1 min) at start: ours ").append(fmt(mine.number("load_avg_1m_start")))
                    .append(", node ").append(fmt(theirs.number("load_avg_1m_start"))).append('\n');
        }
        return out.toString();
    }

    private static void idle(StringBuilder out, Result mine, Result theirs) {
        boolean deflate = Boolean.TRUE.equals(mine.get("deflate"));
        header(out);
        row(out, "connections held", mine, theirs, "held", null);
        row(out, "connects/s", mine, theirs, "connects_per_s", null);
        double ours = mine.number("rss_bytes_per_connection");
        double nodes = theirs.number("rss_bytes_per_connection");
        String goal = deflate ? "≤ 20 KB: " + verdict(ours <= IDLE_DEFLATE_GOAL_BYTES)
                : "≤ ½ Node's: " + verdict(ours <= nodes / 2);
        row(out, "server RSS bytes/connection", mine, theirs, "rss_bytes_per_connection", goal);
        row(out, "server heap bytes/connection (after GC)", mine, theirs, "heap_bytes_per_connection", null);
        row(out, "server CPU µs/connect", mine, theirs, "server_cpu_us_per_connect", null);
        row(out, "closed while held", mine, theirs, "closed_while_held", null);
        row(out, "pings answered/connection", mine, theirs, "pings_per_connection", null);
        out.append("| 100,000 connections held | ").append(fmt(mine.number("held"))).append(" | ")
                .append(fmt(theirs.number("held"))).append(" |  | ")
                .append(verdict(mine.number("held") >= IDLE_CONNECTIONS_GOAL)).append(" |\n");
    }

    private static void storm(StringBuilder out, Result mine, Result theirs) {
        header(out);
        stormBurst(out, mine, theirs, "", "first burst, just after start");
        stormBurst(out, mine, theirs, "warm_", "second burst, server warm");
    }

    private static void stormBurst(StringBuilder out, Result mine, Result theirs, String prefix, String burst) {
        double ours = mine.number(prefix + "connects_per_s");
        double nodes = theirs.number(prefix + "connects_per_s");
        row(out, burst + ": connections/s", mine, theirs, prefix + "connects_per_s",
                "≥ 2× Node's: " + verdict(ours >= 2 * nodes));
        row(out, burst + ": ready", mine, theirs, prefix + "ready", null);
        row(out, burst + ": failed", mine, theirs, prefix + "failed",
                "0: " + verdict(mine.number(prefix + "failed") == 0));
        row(out, burst + ": setup p99 ms", mine, theirs, prefix + "setup_p99_ms", null);
        row(out, burst + ": server CPU µs/connect", mine, theirs, prefix + "server_cpu_us_per_connect", null);
        row(out, burst + ": generator CPU µs/connect", mine, theirs, prefix + "bench_cpu_us_per_connect", null);
    }

    private static void fanout(StringBuilder out, Result mine, Result theirs) {
        header(out);
        double ours = mine.number("capacity_msg_s");
        double nodes = theirs.number("capacity_msg_s");
        row(out, "delivered msg/s at p99 ≤ 50 ms, no loss", mine, theirs, "capacity_msg_s",
                "≥ 3× Node's: " + verdict(ours >= 3 * nodes && ours > 0));
        row(out, "p99 ms at that step", mine, theirs, "capacity_p99_ms", null);
        // CPU per message at the same offered load: Node's best step.
        String nodeStep = String.valueOf(theirs.get("capacity_step"));
        Map<String, Object> a = step(mine, nodeStep);
        Map<String, Object> b = step(theirs, nodeStep);
        if (a != null && b != null) {
            double x = num(a.get("srv_us_msg"));
            double y = num(b.get("srv_us_msg"));
            out.append("| server CPU µs/msg at Node's best step (").append(fmt(num(b.get("offered_msg_s"))))
                    .append(" msg/s offered) | ").append(fmt(x)).append(" | ").append(fmt(y)).append(" | ")
                    .append(ratio(x, y)).append(" | ≤ ¼ Node's: ").append(verdict(x <= y / 4)).append(" |\n");
        }
        row(out, "subscribers", mine, theirs, "subscribers", null);
        row(out, "order:created bytes", mine, theirs, "order_created_bytes", null);
        out.append("\n| step | offered msg/s | delivered ours | delivered node | p99 ms ours | p99 ms node"
                + " | lost ours | lost node | srv µs/msg ours | srv µs/msg node | ratio | gen CPU % ours | gen CPU % node |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> s : mine.steps()) {
            String name = String.valueOf(s.get("step"));
            Map<String, Object> t = step(theirs, name);
            if (t == null) {
                continue;
            }
            double x = num(s.get("srv_us_msg"));
            double y = num(t.get("srv_us_msg"));
            out.append("| ").append(name).append(" | ").append(fmt(num(s.get("offered_msg_s")))).append(" | ")
                    .append(fmt(num(s.get("delivered_msg_s")))).append(" | ").append(fmt(num(t.get("delivered_msg_s"))))
                    .append(" | ").append(fmt(num(s.get("p99_ms")))).append(" | ").append(fmt(num(t.get("p99_ms"))))
                    .append(" | ").append(fmt(num(s.get("lost")))).append(" | ").append(fmt(num(t.get("lost"))))
                    .append(" | ").append(fmt(x)).append(" | ").append(fmt(y)).append(" | ").append(ratio(x, y))
                    .append(" | ").append(fmt(num(s.get("gen_cpu_pct")))).append(" | ")
                    .append(fmt(num(t.get("gen_cpu_pct")))).append(" |\n");
        }
    }

    private static Map<String, Object> step(Result r, String name) {
        for (Map<String, Object> s : r.steps()) {
            if (name.equals(String.valueOf(s.get("step")))) {
                return s;
            }
        }
        return null;
    }

    private static void header(StringBuilder out) {
        out.append("| | ours | node | ours/node | goal |\n|---|---|---|---|---|\n");
    }

    private static void row(StringBuilder out, String name, Result mine, Result theirs, String key, String goal) {
        double x = mine.number(key);
        double y = theirs.number(key);
        out.append("| ").append(name).append(" | ").append(fmt(x)).append(" | ").append(fmt(y)).append(" | ")
                .append(ratio(x, y)).append(" | ").append(goal == null ? "" : goal).append(" |\n");
    }

    static String ratio(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y) || y == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", x / y);
    }

    static String verdict(boolean met) {
        return met ? "met" : "**not met**";
    }

    private static double num(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Math.abs(v) >= 1000 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    static List<String> keys(Map<String, Result> results) {
        return new ArrayList<>(results.keySet());
    }
}
