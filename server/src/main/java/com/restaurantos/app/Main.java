package com.restaurantos.app;

import com.restaurantos.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code restaurant-os-realtime.jar} command line. */
@Command(name = "restaurant-os-realtime", mixinStandardHelpOptions = true,
        description = "Restaurant OS Realtime: the real-time backbone of a restaurant.",
        subcommands = {ServeCommand.class, TokenCommand.class, SimulateCommand.class, ComplianceCommand.class,
                BenchCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
