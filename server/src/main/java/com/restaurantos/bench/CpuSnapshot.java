package com.restaurantos.bench;

/**
 * CPU time of the server, of this generator and of the whole machine at one moment; two of them
 * tell how the CPU was split meanwhile.
 */
record CpuSnapshot(long nanos, long serverMicros, long benchMicros, long machineTicks, long machineIdleTicks) {

    static CpuSnapshot take(ServerProbe server) {
        long[] machine = ProcStats.machineTicks();
        return new CpuSnapshot(System.nanoTime(), server.cpuMicros(), ProcStats.selfCpuMicros(), machine[0],
                machine[1]);
    }

    double secondsSince(CpuSnapshot earlier) {
        return (nanos - earlier.nanos) / 1e9;
    }

    /** Server CPU since then, in % of one core (200 = two cores busy); NaN when the server is unknown. */
    double serverPercent(CpuSnapshot earlier) {
        return serverMicros < 0 || earlier.serverMicros < 0 ? Double.NaN
                : (serverMicros - earlier.serverMicros) / 1e4 / secondsSince(earlier);
    }

    double benchPercent(CpuSnapshot earlier) {
        return (benchMicros - earlier.benchMicros) / 1e4 / secondsSince(earlier);
    }

    /** Seconds of server CPU used since then; NaN when unknown. */
    double serverSeconds(CpuSnapshot earlier) {
        return serverMicros < 0 || earlier.serverMicros < 0 ? Double.NaN : (serverMicros - earlier.serverMicros) / 1e6;
    }

    double benchSeconds(CpuSnapshot earlier) {
        return (benchMicros - earlier.benchMicros) / 1e6;
    }

    /** How busy all cores of the machine were since then, in % of all of them (anything else running included). */
    double machineBusyPercent(CpuSnapshot earlier) {
        long total = machineTicks - earlier.machineTicks;
        long idle = machineIdleTicks - earlier.machineIdleTicks;
        return total <= 0 || machineTicks < 0 ? Double.NaN : 100.0 * (total - idle) / total;
    }

    /** Puts the split into a result under the given prefix ({@code server_cpu_pct}, …). */
    void putSplit(Result result, CpuSnapshot earlier, String suffix) {
        result.put("server_cpu_pct" + suffix, serverPercent(earlier))
                .put("bench_cpu_pct" + suffix, benchPercent(earlier))
                .put("machine_busy_pct" + suffix, machineBusyPercent(earlier));
    }
}
