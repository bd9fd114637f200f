package com.restaurantos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux's /proc tells about a process and the machine: CPU time (utime + stime), resident
 * memory, load average and how busy all cores were. Readings that are not available are -1.
 */
final class ProcStats {
    /** Clock ticks per second of /proc's CPU times; 100 on every Linux this runs on (USER_HZ). */
    static final long TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** utime + stime of the process, in microseconds; -1 if it cannot be read. */
    static long cpuMicros(long pid) {
        String stat = read(Path.of("/proc", pid < 0 ? "self" : Long.toString(pid), "stat"));
        return stat == null ? -1 : cpuTicks(stat) * (1_000_000 / TICKS_PER_SECOND);
    }

    static long selfCpuMicros() {
        return cpuMicros(-1);
    }

    /** VmRSS of the process in bytes; -1 if it cannot be read. */
    static long rssBytes(long pid) {
        String status = read(Path.of("/proc", Long.toString(pid), "status"));
        return status == null ? -1 : statusKilobytes(status, "VmRSS") * 1024;
    }

    /** The 1, 5 and 15 minute load averages. */
    static double[] loadAverage() {
        String text = read(Path.of("/proc/loadavg"));
        if (text == null) {
            return new double[] {-1, -1, -1};
        }
        String[] parts = text.trim().split("\\s+");
        return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
    }

    /** The first line of /proc/stat as {total jiffies, idle jiffies (idle + iowait)}; {-1, -1} if unreadable. */
    static long[] machineTicks() {
        String text = read(Path.of("/proc/stat"));
        return text == null ? new long[] {-1, -1} : machineTicks(text);
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    // ---- parsing, separate so that it can be tested on sample text ------------------------

    /** Fields 14 and 15 (utime, stime) of /proc/PID/stat; the command name may hold spaces and parentheses. */
    static long cpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 2).trim().split("\\s+");
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static long statusKilobytes(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return -1;
    }

    static long[] machineTicks(String procStat) {
        String first = procStat.substring(0, procStat.indexOf('\n') < 0 ? procStat.length() : procStat.indexOf('\n'));
        String[] f = first.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        return new long[] {total, idle};
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
