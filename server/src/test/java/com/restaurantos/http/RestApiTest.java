package com.restaurantos.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.restaurantos.orders.DomainEvent;
import com.restaurantos.orders.DomainEvent.OrderCancelled;
import com.restaurantos.orders.DomainEvent.OrderCreated;
import com.restaurantos.orders.DomainEvent.OrderStatusChanged;
import com.restaurantos.orders.DomainEvent.OrderUpdated;
import com.restaurantos.orders.DomainEvent.TableCompleted;
import com.restaurantos.orders.OrderStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API of contract section 4 over real HTTP: every route, every error status, isolation. */
class RestApiTest {
    private static TestServer server;
    private static final ListAppender<ILoggingEvent> vertxWarnings = new ListAppender<>();

    private UUID a;
    private UUID b;
    private String managerA;
    private String managerB;

    @BeforeAll
    static void start() throws Exception {
        Logger vertxLog = (Logger) LoggerFactory.getLogger("io.vertx");
        vertxWarnings.start();
        vertxLog.addAppender(vertxWarnings);
        server = new TestServer(ApiSettings.defaults().withRateLimit(0));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        ((Logger) LoggerFactory.getLogger("io.vertx")).detachAppender(vertxWarnings);
    }

    @BeforeEach
    void restaurants() {
        a = UUID.randomUUID();
        b = UUID.randomUUID();
        managerA = server.token("manager", a);
        managerB = server.token("manager", b);
        server.published.clear();
    }

    @AfterEach
    void noBlockingOnTheEventLoop() {
        assertThat(server.eventLoopCalls).as("repository calls on an event loop").isEmpty();
        assertThat(vertxWarnings.list).as("Vert.x warnings (blocked threads)")
                .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
    }

    static JsonObject orderBody(String table) {
        return new JsonObject()
                .put("type", "dine-in")
                .put("table_number", table)
                .put("customer_name", "Ada")
                .put("notes", "window")
                .put("items", new JsonArray()
                        .add(new JsonObject().put("name", "Burger").put("quantity", 2).put("price", 12.5)
                                .put("menu_item_id", "m-1").put("station", "kitchen")
                                .put("special_instructions", "rare")
                                .put("modifiers", new JsonArray().add("no onions")
                                        .add(new JsonObject().put("name", "bacon").put("price", 1.25))))
                        .add(new JsonObject().put("name", "Beer").put("quantity", 1).put("price", 6)
                                .put("station", "bar")))
                .put("subtotal", 1).put("tax", 0).put("total", 1);
    }

    private JsonObject create(String token, String table) throws Exception {
        Response response = server.send("POST", "/api/v1/orders", token, orderBody(table));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private Response status(String token, String id, String status) throws Exception {
        return server.send("PATCH", "/api/v1/orders/" + id + "/status", token, new JsonObject().put("status", status));
    }

    @Test
    void createsAnOrderWithServerComputedTotalsAndAnswers201WithIt() throws Exception {
        Response response = server.send("POST", "/api/v1/orders", managerA, orderBody("5"));
        JsonObject order = response.json();

        assertThat(response.status()).isEqualTo(201);

        assertThat(order.getString("restaurant_id")).isEqualTo(a.toString());
        assertThat(order.getString("status")).isEqualTo("new");
        assertThat(order.getString("order_number")).matches("\\d{8}-0001");
        assertThat(order.getString("table_number")).isEqualTo("5");
        assertThat(order.getJsonArray("items")).hasSize(2);
        JsonObject burger = order.getJsonArray("items").getJsonObject(0);
        assertThat(burger.getString("id")).isNotBlank();
        assertThat(burger.getJsonArray("modifiers").getJsonObject(1).getString("name")).isEqualTo("bacon");
        assertThat(response.body()).contains("\"modifiers\":[{\"name\":\"no onions\",\"price\":0.00}");
        assertThat(response.body()).as("money has two decimals").contains("\"subtotal\":33.50", "\"tax\":2.35", "\"total\":35.85",
                "\"price\":12.50");
        assertThat(order.getString("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(server.published).singleElement().isInstanceOf(OrderCreated.class);
    }

    @Test
    void numbersTheOrdersOfEachRestaurantSeparately() throws Exception {
        String first = create(managerA, "1").getString("order_number");
        String second = create(managerA, "1").getString("order_number");
        String otherFirst = create(managerB, "1").getString("order_number");

        assertThat(first).endsWith("-0001");
        assertThat(second).endsWith("-0002");
        assertThat(otherFirst).endsWith("-0001");
    }

    @Test
    void listsOrdersOldestFirstWithFiltersAndPagination() throws Exception {
        JsonObject o1 = create(managerA, "1");
        JsonObject o2 = create(managerA, "2");
        JsonObject o3 = create(managerA, "1");
        status(managerA, o2.getString("id"), "confirmed");

        Response all = server.send("GET", "/api/v1/orders", managerA, (String) null);
        Response fresh = server.send("GET", "/api/v1/orders?status=new", managerA, (String) null);
        Response several = server.send("GET", "/api/v1/orders?status=new,confirmed&table=1", managerA, (String) null);
        Response page = server.send("GET", "/api/v1/orders?limit=1&offset=1", managerA, (String) null);
        Response kiosk = server.send("GET", "/api/v1/orders?type=kiosk", managerA, (String) null);

        assertThat(ids(all.orders())).containsExactly(o1.getString("id"), o2.getString("id"), o3.getString("id"));
        assertThat(all.json().getInteger("total")).isEqualTo(3);
        assertThat(all.json().getInteger("limit")).isEqualTo(50);
        assertThat(ids(fresh.orders())).containsExactly(o1.getString("id"), o3.getString("id"));
        assertThat(ids(several.orders())).containsExactly(o1.getString("id"), o3.getString("id"));
        assertThat(ids(page.orders())).containsExactly(o2.getString("id"));
        assertThat(page.json().getInteger("total")).isEqualTo(3);
        assertThat(kiosk.orders()).isEmpty();
    }

    @Test
    void refusesBadListParametersWithDetails() throws Exception {
        Response response = server.send("GET", "/api/v1/orders?status=done&type=boat&limit=100000&offset=-1",
                managerA, (String) null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(response.error().getJsonObject("details").fieldNames())
                .containsExactlyInAnyOrder("status", "type", "limit", "offset");
    }

    @Test
    void getsOneOrderOr404() throws Exception {
        JsonObject order = create(managerA, "1");

        Response found = server.send("GET", "/api/v1/orders/" + order.getString("id"), managerA, (String) null);
        Response missing = server.send("GET", "/api/v1/orders/" + UUID.randomUUID(), managerA, (String) null);
        Response malformed = server.send("GET", "/api/v1/orders/order-123", managerA, (String) null);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json()).isEqualTo(order);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void patchesDetailsAndPublishesTheChangedFields() throws Exception {
        JsonObject order = create(managerA, "1");
        server.published.clear();

        Response response = server.send("PATCH", "/api/v1/orders/" + order.getString("id"), managerA,
                new JsonObject().put("table_number", "9").put("notes", null).put("status", "ready"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().getString("table_number")).isEqualTo("9");
        assertThat(response.json().containsKey("notes")).isFalse();
        assertThat(response.json().getString("status")).as("status is not changed by PATCH").isEqualTo("new");
        assertThat(server.published).singleElement().isInstanceOfSatisfying(OrderUpdated.class, e -> {
            assertThat(e.changes()).containsExactly("table_number", "notes");
            assertThat(e.updatedBy()).isEqualTo("user-manager");
        });
    }

    @Test
    void refusesAPatchWithNothingToChange() throws Exception {
        JsonObject order = create(managerA, "1");

        Response response = server.send("PATCH", "/api/v1/orders/" + order.getString("id"), managerA,
                new JsonObject().put("total", 0));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("INVALID_PAYLOAD");
    }

    @Test
    void changesTheStatusAlongTheContractsTransitionsOnly() throws Exception {
        String id = create(managerA, "1").getString("id");
        String kitchen = server.token("kitchen", a);

        Response confirmed = status(kitchen, id, "confirmed");
        Response skipped = status(kitchen, id, "ready");
        Response unknown = status(kitchen, id, "done");
        Response missing = server.send("PATCH", "/api/v1/orders/" + id + "/status", kitchen, new JsonObject());

        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().getString("status")).isEqualTo("confirmed");
        assertThat(skipped.status()).isEqualTo(409);
        assertThat(skipped.errorCode()).isEqualTo("INVALID_TRANSITION");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(unknown.error().getJsonObject("details").getString("status")).contains("picked-up");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorCode()).isEqualTo("INVALID_PAYLOAD");
        assertThat(server.published).filteredOn(OrderStatusChanged.class::isInstance).singleElement()
                .satisfies(e -> {
                    OrderStatusChanged changed = (OrderStatusChanged) e;
                    assertThat(changed.previous()).isEqualTo(OrderStatus.NEW);
                    assertThat(changed.status()).isEqualTo(OrderStatus.CONFIRMED);
                    assertThat(changed.actor()).isEqualTo("user-kitchen");
                    assertThat(changed.restaurantId()).isEqualTo(a);
                });
    }

    @Test
    void cancelsWithAReasonByDeleteAndRefusesASecondCancellation() throws Exception {
        String id = create(managerA, "1").getString("id");
        server.published.clear();

        Response cancelled = server.send("DELETE", "/api/v1/orders/" + id, managerA,
                new JsonObject().put("reason", "guest left"));
        Response again = server.send("DELETE", "/api/v1/orders/" + id, managerA, (String) null);
        Response history = server.send("GET", "/api/v1/orders/" + id + "/history", managerA, (String) null);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().getString("status")).isEqualTo("cancelled");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("INVALID_TRANSITION");
        assertThat(server.published).hasSize(2);
        assertThat(server.published.get(0)).isInstanceOf(OrderStatusChanged.class);
        assertThat(server.published.get(1)).isInstanceOfSatisfying(OrderCancelled.class,
                e -> assertThat(e.reason()).isEqualTo("guest left"));
        JsonArray changes = history.json().getJsonArray("history");
        assertThat(changes).hasSize(2);
        assertThat(changes.getJsonObject(1).getString("from")).isEqualTo("new");
        assertThat(changes.getJsonObject(1).getString("to")).isEqualTo("cancelled");
        assertThat(changes.getJsonObject(1).getString("reason")).isEqualTo("guest left");
        assertThat(changes.getJsonObject(1).getString("actor")).isEqualTo("user-manager");
    }

    @Test
    void completesATableAndAnswersWithItsOrders() throws Exception {
        String first = create(managerA, "12").getString("id");
        String second = create(managerA, "12").getString("id");
        String elsewhere = create(managerA, "13").getString("id");
        server.published.clear();

        Response response = server.send("POST", "/api/v1/tables/12/complete", server.token("expo", a), (String) null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().getJsonArray("orderIds").getList()).containsExactly(first, second);
        assertThat(response.json().getString("restaurant_id")).isEqualTo(a.toString());
        assertThat(response.json().getJsonArray("orders").getJsonObject(0).getString("status"))
                .isEqualTo("completed");
        assertThat(server.send("GET", "/api/v1/orders/" + elsewhere, managerA, (String) null).json()
                .getString("status")).isEqualTo("new");
        assertThat(server.published).hasSize(3).last().isInstanceOf(TableCompleted.class);
    }

    @Test
    void raisesAKitchenAlert() throws Exception {
        Response raised = server.send("POST", "/api/v1/alerts", server.token("kitchen", a), new JsonObject()
                .put("type", "urgent").put("message", "86 salmon").put("severity", 5).put("station", "kitchen")
                .put("tableNumber", 4));
        Response invalid = server.send("POST", "/api/v1/alerts", server.token("kitchen", a), new JsonObject()
                .put("type", "urgent").put("message", "x").put("severity", 9));
        Response wrongType = server.send("POST", "/api/v1/alerts", server.token("kitchen", a), new JsonObject()
                .put("type", "urgent").put("message", "x").put("severity", "high"));

        assertThat(raised.status()).isEqualTo(201);
        assertThat(raised.json().getString("type")).isEqualTo("urgent");
        assertThat(raised.json().getString("tableNumber")).isEqualTo("4");
        assertThat(raised.json().getInteger("severity")).isEqualTo(5);
        assertThat(server.published).singleElement().isInstanceOf(DomainEvent.KitchenAlertRaised.class);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.errorCode()).isEqualTo("INVALID_PAYLOAD");
        assertThat(wrongType.error().getJsonObject("details").getString("severity")).isNotBlank();
    }

    @Test
    void refusesRequestsWithoutAValidTokenWith401() throws Exception {
        String expired = server.minter.mint("u", "manager", a, List.of(), List.of(), java.time.Duration.ofSeconds(-60));
        for (String token : new String[]{null, "garbage", expired, managerA.substring(0, managerA.length() - 3) + "abc"}) {
            Response response = server.send("GET", "/api/v1/orders", token, (String) null);

            assertThat(response.status()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(response.errorCode()).isEqualTo("AUTH_FAILED");
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        }
    }

    @Test
    void refusesATokenWithoutTheScopeWith403() throws Exception {
        Response cashierCreates = server.send("POST", "/api/v1/orders", server.token("cashier", a), orderBody("1"));
        Response kitchenDeletes = server.send("DELETE", "/api/v1/orders/" + UUID.randomUUID(),
                server.token("kitchen", a), (String) null);

        assertThat(cashierCreates.status()).isEqualTo(403);
        assertThat(cashierCreates.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(kitchenDeletes.status()).isEqualTo(403);
        assertThat(server.published).isEmpty();
    }

    @Test
    void picksTheRestaurantFromXRestaurantIdForTokensOfSeveralRestaurants() throws Exception {
        String both = server.token("manager", a, b);

        Response without = server.send("POST", "/api/v1/orders", both, orderBody("1"));
        Response withB = server.send("POST", "/api/v1/orders", both, orderBody("1"), "X-Restaurant-ID", b.toString());
        Response malformed = server.send("GET", "/api/v1/orders", both, (String) null, "X-Restaurant-ID", "b");
        Response foreign = server.send("GET", "/api/v1/orders", managerA, (String) null,
                "X-Restaurant-ID", b.toString());

        assertThat(without.status()).isEqualTo(400);
        assertThat(without.errorCode()).isEqualTo("INVALID_RESTAURANT");
        assertThat(withB.status()).isEqualTo(201);
        assertThat(withB.json().getString("restaurant_id")).isEqualTo(b.toString());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("INVALID_RESTAURANT");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.errorCode()).isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void letsAdminsReachAnyRestaurantByHeader() throws Exception {
        String id = create(managerA, "1").getString("id");
        String admin = server.minter.mint("root", "super_admin", null, List.of(), List.of(),
                java.time.Duration.ofMinutes(5));

        Response read = server.send("GET", "/api/v1/orders/" + id, admin, (String) null, "X-Restaurant-ID",
                a.toString());
        Response noRestaurant = server.send("GET", "/api/v1/orders", admin, (String) null);

        assertThat(read.status()).isEqualTo(200);
        assertThat(noRestaurant.status()).isEqualTo(400);
        assertThat(noRestaurant.errorCode()).isEqualTo("INVALID_RESTAURANT");
    }

    @Test
    void neverShowsOrTouchesTheOrdersOfAnotherRestaurant() throws Exception {
        JsonObject order = create(managerA, "7");
        String id = order.getString("id");
        server.published.clear();

        List<Response> attempts = new ArrayList<>();
        attempts.add(server.send("GET", "/api/v1/orders/" + id, managerB, (String) null));
        attempts.add(server.send("GET", "/api/v1/orders/" + id + "/history", managerB, (String) null));
        attempts.add(server.send("PATCH", "/api/v1/orders/" + id, managerB, new JsonObject().put("notes", "x")));
        attempts.add(status(managerB, id, "confirmed"));
        attempts.add(server.send("DELETE", "/api/v1/orders/" + id, managerB, (String) null));
        attempts.add(server.send("POST", "/api/v1/alerts", managerB, new JsonObject().put("type", "info")
                .put("message", "hi").put("severity", 1).put("orderId", id)));
        Response list = server.send("GET", "/api/v1/orders", managerB, (String) null);
        Response table = server.send("POST", "/api/v1/tables/7/complete", managerB, (String) null);

        assertThat(attempts).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("ORDER_NOT_FOUND");
        });
        assertThat(list.orders()).isEmpty();
        assertThat(table.json().getJsonArray("orderIds")).isEmpty();
        assertThat(server.send("GET", "/api/v1/orders/" + id, managerA, (String) null).json()).isEqualTo(order);
        assertThat(server.published).isEmpty();
    }

    @Test
    void letsCustomersSeeOnlyTheirOwnOrders() throws Exception {
        String ada = server.token("ada", "customer", a);
        String bob = server.token("bob", "customer", a);
        String adas = create(ada, null).getString("id");
        String bobs = create(bob, null).getString("id");

        assertThat(ids(server.send("GET", "/api/v1/orders", ada, (String) null).orders())).containsExactly(adas);
        assertThat(server.send("GET", "/api/v1/orders/" + bobs, ada, (String) null).status()).isEqualTo(404);
        assertThat(ids(server.send("GET", "/api/v1/orders", managerA, (String) null).orders()))
                .containsExactly(adas, bobs);
    }

    @Test
    void refusesMalformedBodiesWith400InvalidPayload() throws Exception {
        Response notJson = server.send("POST", "/api/v1/orders", managerA, "{\"type\":");
        Response array = server.send("POST", "/api/v1/orders", managerA, "[]");
        Response empty = server.send("POST", "/api/v1/orders", managerA, (String) null);
        Response wrongTypes = server.send("POST", "/api/v1/orders", managerA, new JsonObject().put("type", 5)
                .put("items", new JsonArray().add(new JsonObject().put("name", "x").put("quantity", 1.5)
                        .put("price", "1.00")).add("burger")));

        for (Response response : List.of(notJson, array, empty, wrongTypes)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("INVALID_PAYLOAD");
        }
        assertThat(wrongTypes.error().getJsonObject("details").fieldNames()).containsExactlyInAnyOrder(
                "type", "items[0].quantity", "items[0].price", "items[1]");
        assertThat(server.published).isEmpty();
    }

    @Test
    void refusesDisallowedValuesWith400ValidationErrorNamingTheFields() throws Exception {
        Response response = server.send("POST", "/api/v1/orders", managerA, new JsonObject().put("type", "boat")
                .put("items", new JsonArray().add(new JsonObject().put("name", "").put("quantity", 0)
                        .put("price", -1).put("station", "grill"))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(response.error().getJsonObject("details").fieldNames()).containsExactlyInAnyOrder("type",
                "items[0].name", "items[0].quantity", "items[0].price", "items[0].station");
    }

    @Test
    void refusesHugeNumbersAsOutOfRangeRatherThanWrappingThem() throws Exception {
        Response hugeQuantity = server.send("POST", "/api/v1/orders", managerA, "{\"type\":\"takeout\",\"items\":"
                + "[{\"name\":\"x\",\"quantity\":18446744073709551617,\"price\":1}]}");
        Response infinitePrice = server.send("POST", "/api/v1/orders", managerA, "{\"type\":\"takeout\",\"items\":"
                + "[{\"name\":\"x\",\"quantity\":1,\"price\":1e400}]}");

        assertThat(hugeQuantity.status()).isEqualTo(400);
        assertThat(hugeQuantity.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(hugeQuantity.error().getJsonObject("details").fieldNames()).containsExactly("items[0].quantity");
        assertThat(infinitePrice.status()).isEqualTo(400);
        assertThat(infinitePrice.error().getJsonObject("details").fieldNames()).containsExactly("items[0].price");
        assertThat(server.published).isEmpty();
    }

    @Test
    void refusesABodyOverOneMegabyteWith413() throws Exception {
        String huge = "{\"type\":\"dine-in\",\"notes\":\"" + "x".repeat(1_100_000) + "\"}";

        Response response = server.send("POST", "/api/v1/orders", managerA, huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.errorCode()).isEqualTo("INVALID_PAYLOAD");
    }

    @Test
    void answersUnknownRoutesWithAJson404() throws Exception {
        Response response = server.send("GET", "/api/v1/menu", managerA, (String) null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().getBoolean("success")).isFalse();
    }

    @Test
    void answersBrowserPreflightRequests() throws Exception {
        Response preflight = server.send("OPTIONS", "/api/v1/orders", null, (String) null,
                "Origin", "https://pos.example", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type,x-restaurant-id");

        assertThat(preflight.status()).isIn(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("PATCH");
    }

    @Test
    void publishesEachEventOnlyAfterItsChangeIsCommitted() throws Exception {
        List<Boolean> visibleWhenPublished = new ArrayList<>();
        var subscription = server.events.subscribe(event -> {
            if (event instanceof OrderCreated created) {
                visibleWhenPublished.add(server.repository.find(a, created.order().id()).isPresent());
            } else if (event instanceof OrderStatusChanged changed) {
                visibleWhenPublished.add(server.repository.find(a, changed.orderId()).orElseThrow().status()
                        == changed.status());
            }
        });
        try {
            String id = create(managerA, "1").getString("id");
            status(managerA, id, "confirmed");
            server.send("DELETE", "/api/v1/orders/" + id, managerA, (String) null);
        } finally {
            subscription.close();
        }

        assertThat(visibleWhenPublished).containsExactly(true, true, true);
    }

    @Test
    void reportsLivenessReadinessAndMetrics() throws Exception {
        create(managerA, "1");

        Response live = server.send("GET", "/health/live", null, (String) null);
        Response ready = server.send("GET", "/health/ready", null, (String) null);
        Response metrics = server.send("GET", "/metrics", null, (String) null);

        assertThat(live.status()).isEqualTo(200);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().getString("database")).isEqualTo("UP");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/plain"));
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "hikaricp_connections",
                "http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",route=\"/api/v1/orders\","
                        + "status=\"201\"}");
    }

    private static List<String> ids(JsonArray orders) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            ids.add(orders.getJsonObject(i).getString("id"));
        }
        return ids;
    }
}
