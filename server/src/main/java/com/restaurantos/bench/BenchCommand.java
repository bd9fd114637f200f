package com.restaurantos.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bench}: a load generator that speaks the wire protocol itself (Engine.IO v4 over WebSocket,
 * Socket.IO v5), light enough for tens of thousands of connections from one process, and the
 * comparison of two servers' results. Loads go only to 127.0.0.0/8.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load scenarios against a Socket.IO server (ours or the Node reference in bench/): idle, fanout,"
                + " storm, soak; compare prints two result files side by side. Each scenario prints a table and one JSON"
                + " line. Raise the file limit first (ulimit -n) for many connections.",
        subcommands = {IdleScenario.class, FanoutScenario.class, StormScenario.class, SoakScenario.class,
                CompareReport.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
