package com.restaurantos.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the generator reads about the server process, given its pid: CPU time and resident memory
 * from /proc, and on request the heap in use after a full collection: for a JVM through
 * {@code jcmd PID GC.run} and the {@code jvm_memory_used_bytes{area="heap"}} of its {@code /metrics};
 * for Node through {@code /metrics?gc=1} of the bench server ({@code nodejs_heap_used_bytes}).
 */
final class ServerProbe {
    private final long pid;
    private final URI base;
    private final boolean java;

    ServerProbe(long pid, URI base) {
        this.pid = pid;
        this.base = base;
        this.java = pid > 0 && commandLine(pid).contains("java");
    }

    boolean known() {
        return pid > 0;
    }

    long pid() {
        return pid;
    }

    String kind() {
        return pid <= 0 ? "unknown" : java ? "jvm" : "other";
    }

    long cpuMicros() {
        return pid > 0 ? ProcStats.cpuMicros(pid) : -1;
    }

    long rssBytes() {
        return pid > 0 ? ProcStats.rssBytes(pid) : -1;
    }

    /** Heap in use after a full collection, in bytes; -1 when it cannot be read. */
    long heapAfterGc() {
        if (pid <= 0) {
            return -1;
        }
        try {
            if (java) {
                Process gc = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!gc.waitFor(30, TimeUnit.SECONDS)) {
                    gc.destroy();
                    return -1;
                }
                return heapAt("/metrics");
            }
            return heapAt("/metrics?gc=1");
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Heap in use now, garbage included, from the server's {@code /metrics}; -1 when it cannot be read. */
    long heapUsed() {
        return heapAt("/metrics");
    }

    private long heapAt(String path) {
        try {
            return heapFromMetrics(get(path));
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        // HTTP/1.1 only: an h2c upgrade offer would reach the Socket.IO server's upgrade handler instead.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
    }

    /** The heap in use from Prometheus text: the JVM's heap pools added up, or Node's heap. -1 if absent. */
    static long heapFromMetrics(String text) {
        double jvm = 0;
        boolean sawJvm = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                jvm += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                sawJvm = true;
            } else if (line.startsWith("nodejs_heap_used_bytes ")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sawJvm ? (long) jvm : -1;
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
