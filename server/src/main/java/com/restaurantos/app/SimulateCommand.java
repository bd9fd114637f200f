package com.restaurantos.app;

import com.restaurantos.simulation.Menu;
import com.restaurantos.simulation.Progress;
import com.restaurantos.simulation.RequestFailed;
import com.restaurantos.simulation.RestClient;
import com.restaurantos.simulation.Service;
import com.restaurantos.simulation.Simulation;
import com.restaurantos.simulation.Tally;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Plays a restaurant's service against a running server over its REST API, so that every real-time event can be
 * watched on a socket: orders of every type, their statuses, completed tables, cancellations and kitchen alerts.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Play a restaurant's service against a running server over its REST API: guests at the"
                + " tables, takeout, delivery, online, drive-thru and kiosk orders, the kitchen and the bar moving"
                + " them through their statuses, completed tables, a few cancellations and kitchen alerts.",
                "Prints a progress line; every failed request is counted and told. Exit code 0 when every request"
                        + " succeeded, 1 when the server could not be reached or one failed."})
final class SimulateCommand implements Callable<Integer> {
    static final String SUBJECT = "simulator";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);

    @Option(names = "--url", defaultValue = "http://localhost:3001",
            description = "The server (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--token", description = "The token of the requests; by default one is minted with the"
            + " configured secret (JWT_SECRET, else the server's ./data/jwt-secret), role manager.")
    String token;

    @Option(names = "--restaurant", defaultValue = "11111111-1111-1111-1111-111111111111",
            description = "The restaurant (default: ${DEFAULT-VALUE}).")
    UUID restaurant;

    @Option(names = "--orders-per-minute", defaultValue = "30",
            description = "How busy the service is: orders a minute, about (default: ${DEFAULT-VALUE}).")
    double ordersPerMinute;

    @Option(names = "--tables", defaultValue = "20", description = "Tables of the dining room (default: ${DEFAULT-VALUE}).")
    int tables;

    @Option(names = "--duration", description = "How long the service lasts, in service time: 90s, 10m, 3h or"
            + " ISO-8601 (PT3H) (default: until Ctrl-C).")
    String duration;

    @Option(names = "--speed", defaultValue = "1", description = "Service time per real time: 60 plays an hour"
            + " in a minute (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--requests-per-second", defaultValue = "45", description = "At most this many requests a"
            + " second to each route, to stay under the server's REST_RATE_LIMIT_PER_SECOND (default: ${DEFAULT-VALUE},"
            + " under the server's default of 50; 0: no limit).")
    int requestsPerSecond;

    @Option(names = "--seed", description = "Seed of every decision: the same seed plays the same service"
            + " (default: a random one, printed).")
    Long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment; tests give their own. */
    Map<String, String> env = System.getenv();

    /** Whether the output is a terminal (the line is then rewritten in place); null: as the console says. */
    Boolean terminal;

    /** How often a progress line is written when the output is not a terminal. */
    Duration progressEvery = Duration.ofSeconds(10);

    @Override
    public Integer call() throws InterruptedException {
        Duration length = checkOptions();
        long theSeed = seed != null ? seed : new SecureRandom().nextLong();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Tally tally = new Tally();
        RestClient client;
        Set<String> tablesInUse;
        try {
            client = new RestClient(url, restaurant, tokens(), tally, REQUEST_TIMEOUT, requestsPerSecond);
            tablesInUse = reach(client);
        } catch (CannotStart e) {
            err.println("simulate: " + e.getMessage());
            err.flush();
            return 1;
        }
        announce(out, theSeed, length, tablesInUse);

        Service service = new Service(client, Menu.casualDining(), theSeed, new Service.Settings(ordersPerMinute,
                tables, tablesInUse, Duration.ofMillis(Math.max(1, Math.round(1000 * speed)))));
        boolean onTerminal = terminal != null ? terminal : System.console() != null;
        Simulation simulation = new Simulation(service, tally, new Progress(out, err, onTerminal, progressEvery,
                speed), speed, length);
        return playUntilTheEnd(simulation).failed() == 0 ? 0 : 1;
    }

    /** Why the simulation cannot start, in a sentence for the user. */
    private static final class CannotStart extends Exception {
        CannotStart(String message) {
            super(message);
        }
    }

    /** The tables that already have guests; fails if the server is not there or refuses the token. */
    private Set<String> reach(RestClient client) throws CannotStart {
        try {
            client.checkAlive();
        } catch (RequestFailed e) {
            throw new CannotStart("cannot reach the server at " + url + ": " + e.getMessage()
                    + (e.status() == RequestFailed.NO_ANSWER ? " (is it running? see --url)" : ""));
        }
        try {
            return client.tablesInUse();
        } catch (RequestFailed e) {
            throw new CannotStart("the server refused to list the orders of restaurant " + restaurant + ": "
                    + e.status() + " " + e.code() + ": " + e.getMessage() + (e.status() == 401 && token == null
                    ? " (simulate signs its token with JWT_SECRET, else the secret in DATA_DIR, default ./data:"
                    + " give it the server's, or pass --token)" : ""));
        }
    }

    private void announce(PrintWriter out, long theSeed, Duration length, Set<String> tablesInUse) {
        out.println("Simulating a service at " + url + " for restaurant " + restaurant + ": about "
                + number(ordersPerMinute) + " orders a minute, " + tables + " tables, speed " + number(speed)
                + ", seed " + theSeed + ", " + (length == null ? "until Ctrl-C"
                : "for " + length.toString().substring(2).toLowerCase(Locale.ROOT)) + ".");
        List<String> taken = IntStream.rangeClosed(1, tables).mapToObj(Integer::toString)
                .filter(tablesInUse::contains).toList();
        if (!taken.isEmpty()) {
            out.println("Tables with open orders from before, where nobody is seated: " + String.join(", ", taken)
                    + ".");
        }
        out.flush();
    }

    /** Plays the service to its end, or to Ctrl-C: the service then closes and the last line is written. */
    private static Tally.Counts playUntilTheEnd(Simulation simulation) {
        Thread onCtrlC = new Thread(() -> {
            simulation.stop();
            try {
                simulation.awaitEnd(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulate-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            return simulation.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is waiting for the last line, written by now
            }
        }
    }

    /** The service's length, and a usage error for an option out of range. */
    private Duration checkOptions() {
        if (!(ordersPerMinute > 0) || ordersPerMinute > 10_000) {
            throw usage("--orders-per-minute must be more than 0 and at most 10000");
        }
        if (!(speed > 0) || speed > 100_000) {
            throw usage("--speed must be more than 0 and at most 100000");
        }
        if (requestsPerSecond < 0) {
            throw usage("--requests-per-second must not be negative");
        }
        if (tables < 0 || tables > 1000) {
            throw usage("--tables must be from 0 to 1000");
        }
        if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
            throw usage("--url must be an http(s) URL such as http://localhost:3001, not '" + url + "'");
        }
        if (duration == null) {
            return null;
        }
        try {
            Duration length = TokenCommand.duration(duration);
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException();
            }
            return length;
        } catch (IllegalArgumentException e) {
            throw usage("--duration must be like 90s, 10m, 3h or PT3H, not '" + duration + "'");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /**
     * The {@code --token}, else tokens minted as the {@code token} command mints them, with the server's settings,
     * role manager: a new one when the last is half way through its life, however long the service lasts.
     */
    private Supplier<String> tokens() throws CannotStart {
        if (token != null) {
            return () -> token;
        }
        try {
            AppConfig config = AppConfig.fromEnvironment(env);
            boolean keyConfigured = config.jwtSecret() != null || config.jwtPublicKey() != null
                    || config.jwtJwksUrl() != null;
            Path secretFile = Security.secretFile(config);
            if (!keyConfigured && !Files.exists(secretFile)) {
                // Minting would make a new secret, which the server does not know.
                throw new CannotStart("cannot mint a token: no JWT_SECRET is set and " + secretFile + " does not"
                        + " exist (the server makes it on its first start, in its DATA_DIR): run simulate where the"
                        + " server runs, or with its JWT_SECRET or DATA_DIR, or pass --token");
            }
            Supplier<String> mint = () -> TokenCommand.mint(config, notice -> {
            }, SUBJECT, "manager", restaurant, List.of(), List.of(), TOKEN_LIFETIME);
            String first = mint.get();
            return new Supplier<>() {
                private String current = first;
                private Instant renewAt = Instant.now().plus(TOKEN_LIFETIME.dividedBy(2));

                @Override
                public synchronized String get() {
                    if (Instant.now().isAfter(renewAt)) {
                        current = mint.get();
                        renewAt = Instant.now().plus(TOKEN_LIFETIME.dividedBy(2));
                    }
                    return current;
                }
            };
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new CannotStart("cannot mint a token: " + e.getMessage() + ". Pass one with --token.");
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
