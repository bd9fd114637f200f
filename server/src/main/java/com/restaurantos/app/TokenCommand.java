package com.restaurantos.app;

import com.restaurantos.auth.TokenMinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Mints a token with the configured secret and prints it alone on stdout. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Mint an HS256 token with the configured secret (JWT_SECRET or ./data/jwt-secret) and print it.")
final class TokenCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");

    @Option(names = "--restaurant", description = "The restaurant_id claim (a UUID).")
    UUID restaurant;

    @Option(names = "--restaurants", split = ",", description = "More restaurants, comma-separated (restaurant_ids).")
    List<UUID> restaurants = new ArrayList<>();

    @Option(names = "--role", defaultValue = "manager",
            description = "owner, manager, admin, super_admin, server, cashier, kitchen, expo or customer"
                    + " (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--sub", defaultValue = "cli", description = "The subject (user id) (default: ${DEFAULT-VALUE}).")
    String subject;

    @Option(names = "--scope", description = "Scopes, comma- or space-separated, instead of the role's.")
    String scope;

    @Option(names = "--ttl", defaultValue = "8h", description = "Lifetime: 90s, 30m, 8h, 7d or ISO-8601 (PT8H)"
            + " (default: ${DEFAULT-VALUE}).")
    String ttl;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment; tests give their own. */
    java.util.Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        AppConfig config = AppConfig.fromEnvironment(env);
        List<String> scopes = scope == null ? List.of() : Arrays.stream(scope.split("[,\\s]+"))
                .filter(s -> !s.isBlank()).toList();
        spec.commandLine().getOut().println(mint(config, spec.commandLine().getErr()::println, subject, role,
                restaurant, restaurants, scopes, duration(ttl)));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * A token signed with the configured secret, the one the server verifies with ({@code JWT_SECRET}, else the
     * secret file of the data directory, made if it does not exist yet).
     *
     * @param notice told where the secret comes from when it is the file's
     * @throws IllegalArgumentException if the server verifies with public keys: there is no secret to sign with
     */
    static String mint(AppConfig config, Consumer<String> notice, String subject, String role, UUID restaurant,
                       List<UUID> restaurants, List<String> scopes, Duration ttl) {
        return new TokenMinter(Security.authSettings(config, notice), Clock.systemUTC())
                .mint(subject, role, restaurant, restaurants, scopes, ttl);
    }

    static Duration duration(String value) {
        Matcher m = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--ttl must be like 90s, 30m, 8h, 7d or PT8H, not '" + value + "'");
        }
    }
}
