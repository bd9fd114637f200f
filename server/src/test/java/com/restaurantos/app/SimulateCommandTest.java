package com.restaurantos.app;

import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.TokenMinter;
import com.restaurantos.orders.DomainEvent;
import com.restaurantos.orders.OrderStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code simulate} against a real server in this process, at a high speed, compared with what the server has. */
class SimulateCommandTest {
    private static final UUID RESTAURANT = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final Pattern COUNTS = Pattern.compile("orders (\\d+)  active (\\d+)  completed (\\d+)"
            + "  cancelled (\\d+)  alerts (\\d+)  HTTP errors (\\d+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private Application app;
    private String token;

    private record Run(int exit, String out, String err) {
        /** The numbers of the last progress line: orders, active, completed, cancelled, alerts, HTTP errors. */
        List<Integer> counts() {
            List<String> lines = out.lines().toList();
            Matcher m = COUNTS.matcher(lines.get(lines.size() - 1));
            assertThat(m.find()).as("the last line: %s", out).isTrue();
            List<Integer> counts = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                counts.add(Integer.parseInt(m.group(i)));
            }
            return counts;
        }
    }

    private void startServer(Path dir, String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("HOST", "127.0.0.1", "PORT", "0", "DATA_DIR", dir.toString()));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        app = Application.start(AppConfig.fromEnvironment(env), Clock.systemUTC());
        app.events().subscribe(events::add);
    }

    @AfterEach
    void stopServer() {
        if (app != null) {
            app.stop(Duration.ofSeconds(20));
        }
    }

    private static Run simulate(Map<String, String> env, String... args) {
        SimulateCommand command = new SimulateCommand();
        command.env = env;
        command.terminal = false;
        command.progressEvery = Duration.ofSeconds(2);
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private JsonObject get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/api/v1" + path)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private int total(String statuses) throws Exception {
        return get("/orders?limit=1" + (statuses == null ? "" : "&status=" + statuses)).getInteger("total");
    }

    @Test
    void playsAServiceWhoseCountsAreTheServersAndWhoseStatusChangesAreAllAllowed(@TempDir Path dir) throws Exception {
        startServer(dir, "REST_RATE_LIMIT_PER_SECOND", "0");
        String url = "http://127.0.0.1:" + app.port();

        // No --token: minted with the secret the server generated into its data directory.
        Run run = simulate(Map.of("DATA_DIR", dir.toString()), "--url", url, "--duration", "40m", "--speed", "300",
                "--orders-per-minute", "2", "--seed", "11");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith("Simulating a service at " + url + " for restaurant " + RESTAURANT
                + ": about 2 orders a minute, 20 tables, speed 300, seed 11, for 40m.");
        List<Integer> counts = run.counts();
        int created = counts.get(0);
        token = new TokenMinter(AuthSettings.of(new KeySource.Secret(Files.readString(dir.resolve("jwt-secret"))
                .strip())), Clock.systemUTC()).mint("test", "manager", RESTAURANT, List.of(), List.of(),
                Duration.ofMinutes(5));
        assertThat(created).as("orders").isGreaterThan(40).isEqualTo(total(null));
        assertThat(counts.get(1)).as("active").isEqualTo(total("new,pending,confirmed,preparing,ready"));
        assertThat(counts.get(2)).as("completed").isPositive().isEqualTo(total("completed"));
        assertThat(counts.get(3)).as("cancelled").isPositive().isEqualTo(total("cancelled"));
        assertThat(counts.get(4)).as("alerts").isPositive().isEqualTo((int) events.stream()
                .filter(e -> e instanceof DomainEvent.KitchenAlertRaised a
                        && a.alert().raisedBy().equals(SimulateCommand.SUBJECT)).count());
        assertThat(counts.get(5)).as("HTTP errors").isZero();
        assertThat(run.err()).doesNotContain("HTTP error");

        JsonArray orders = get("/orders?limit=500").getJsonArray("orders");
        assertThat(orders).hasSize(created);
        List<String> types = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            JsonObject order = orders.getJsonObject(i);
            types.add(order.getString("type"));
            JsonArray history = get("/orders/" + order.getString("id") + "/history").getJsonArray("history");
            assertThat(history.getJsonObject(0).getString("to")).isEqualTo("new");
            for (int h = 1; h < history.size(); h++) {
                JsonObject change = history.getJsonObject(h);
                OrderStatus from = OrderStatus.fromWire(change.getString("from")).orElseThrow();
                OrderStatus to = OrderStatus.fromWire(change.getString("to")).orElseThrow();
                boolean tableCompleted = "table completed".equals(change.getString("reason"))
                        && from.isActive() && to == OrderStatus.COMPLETED;
                assertThat(from.canBecome(to) || tableCompleted).as("%s: %s", order.getString("order_number"),
                        change).isTrue();
            }
        }
        assertThat(types).contains("dine-in", "takeout", "delivery", "online", "drive-thru", "kiosk");
        assertThat(events).anyMatch(e -> e instanceof DomainEvent.OrderUpdated)
                .anyMatch(e -> e instanceof DomainEvent.OrderCancelled)
                .anyMatch(e -> e instanceof DomainEvent.TableReady)
                .anyMatch(e -> e instanceof DomainEvent.TableCompleted);
        assertThat(total("new,pending,confirmed,preparing,ready") - get("/orders?limit=1&type=dine-in"
                + "&status=new,pending,confirmed,preparing,ready").getInteger("total"))
                .as("at closing time the tables are completed, the other orders stay").isEqualTo(counts.get(1));
    }

    @Test
    void countsAndTellsEveryFailedRequest(@TempDir Path dir) {
        startServer(dir, "REST_RATE_LIMIT_PER_SECOND", "3");

        Run run = simulate(Map.of("DATA_DIR", dir.toString()), "--url", "http://127.0.0.1:" + app.port(),
                "--duration", "20m", "--speed", "600", "--orders-per-minute", "6", "--seed", "1",
                "--requests-per-second", "0");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.counts().get(5)).isPositive();
        assertThat(run.err()).contains("HTTP error: 429 RATE_LIMIT on ", "HTTP errors by kind:");
        int counted = run.err().lines().filter(line -> line.startsWith("  429 RATE_LIMIT on "))
                .mapToInt(line -> Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1))).sum();
        assertThat(counted).isEqualTo(run.counts().get(5));
    }

    @Test
    void failsWhenTheServerIsNotThere(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Run run = simulate(Map.of("JWT_SECRET", "a-secret-of-at-least-thirty-two-bytes!", "DATA_DIR", dir.toString()),
                "--url", "http://127.0.0.1:" + port, "--duration", "1m");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("simulate: cannot reach the server at http://127.0.0.1:" + port)
                .contains("is it running?");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void failsWhenTheServerRefusesTheToken(@TempDir Path dir) {
        startServer(dir);

        Run run = simulate(Map.of("JWT_SECRET", "not-the-secret-of-this-server-at-all!"), "--url",
                "http://127.0.0.1:" + app.port(), "--duration", "1m");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("simulate: the server refused to list the orders of restaurant "
                + RESTAURANT + ": 401 AUTH_FAILED").contains("--token");
    }

    @Test
    void makesNoSecretOfItsOwn(@TempDir Path dir) {
        Run run = simulate(Map.of("DATA_DIR", dir.toString()), "--url", "http://127.0.0.1:1", "--duration", "1m");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("cannot mint a token", "jwt-secret does not exist", "--token");
        assertThat(dir.resolve("jwt-secret")).doesNotExist();
    }

    @Test
    void refusesOptionsOutOfRange() {
        assertThat(simulate(Map.of(), "--speed", "0").exit()).isEqualTo(2);
        assertThat(simulate(Map.of(), "--duration", "soon").exit()).isEqualTo(2);
        assertThat(simulate(Map.of(), "--url", "localhost:3001").exit()).isEqualTo(2);
    }
}
