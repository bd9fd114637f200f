// The real-time API of the contract (sections 2 and 3), end to end through socket.io-client.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  RESTAURANT_A, RESTAURANT_B, call, connect, createOrder, next, record, rest, startServer, token,
} from "./harness.mjs";

let server;
const sockets = [];
async function client(claims = {}, opts = {}) {
  const s = await connect(server.url, { auth: { token: token(claims) }, ...opts });
  sockets.push(s);
  return s;
}
async function joined(claims = {}, restaurantId = RESTAURANT_A) {
  const s = await client(claims);
  const ack = await call(s, "join:restaurant", restaurantId);
  assert.equal(ack.success, true, JSON.stringify(ack));
  return s;
}

before(async () => { server = await startServer({ RATE_LIMIT_PER_SECOND: "5" }); });
after(async () => { sockets.forEach((s) => s.close()); await server?.stop(); });

describe("connection", () => {
  it("announces connection:status after connect", async () => {
    const socket = await client();
    const status = await next(socket, "connection:status", () => true, 5000, true);
    assert.equal(status.state, "connected");
    assert.equal(status.recovered, false);
    assert.ok(Math.abs(Date.parse(status.serverTime) - Date.now()) < 60_000);
  });

  it("refuses a missing token with AUTH_FAILED", async () => {
    const err = await connect(server.url, {}).then(() => null, (e) => e);
    assert.equal(err.message, "AUTH_FAILED");
    assert.equal(err.data.code, "AUTH_FAILED");
    assert.equal(typeof err.data.message, "string");
  });

  for (const [why, tok] of [
    ["expired", () => token({}, { ttlSeconds: -120 })],
    ["wrongly signed", () => token({}, { secret: "another-secret-another-secret-123456" })],
    ["alg none", () => token({}, { alg: "none" })],
    ["malformed", () => "not.a.jwt"],
  ]) {
    it(`refuses a ${why} token with AUTH_FAILED`, async () => {
      const err = await connect(server.url, { auth: { token: tok() } }).then(() => null, (e) => e);
      assert.equal(err?.message, "AUTH_FAILED");
      assert.equal(err.data.code, "AUTH_FAILED");
    });
  }

  it("accepts the token as a query parameter and as an Authorization header", async () => {
    const q = await connect(server.url, { query: { token: token() } });
    sockets.push(q);
    const h = await connect(server.url, { extraHeaders: { authorization: `Bearer ${token()}` } });
    sockets.push(h);
    assert.ok(q.connected && h.connected);
  });
});

describe("join:restaurant", () => {
  it("joins the restaurant room of the token", async () => {
    const s = await client();
    const ack = await call(s, "join:restaurant", RESTAURANT_A);
    assert.deepEqual(ack, { success: true, data: { restaurantId: RESTAURANT_A, room: `restaurant:${RESTAURANT_A}` } });
  });

  it("accepts the object form", async () => {
    const s = await client();
    const ack = await call(s, "join:restaurant", { restaurantId: RESTAURANT_A });
    assert.equal(ack.success, true);
  });

  it("refuses a restaurant the token does not name", async () => {
    const s = await client();
    const ack = await call(s, "join:restaurant", RESTAURANT_B);
    assert.equal(ack.success, false);
    assert.equal(ack.error.code, "PERMISSION_DENIED");
  });

  it("refuses a malformed restaurant id", async () => {
    const s = await client();
    const ack = await call(s, "join:restaurant", "not-a-uuid");
    assert.equal(ack.error.code, "INVALID_RESTAURANT");
  });

  it("refuses a payload of the wrong shape", async () => {
    const s = await client();
    const ack = await call(s, "join:restaurant", 42);
    assert.equal(ack.error.code, "INVALID_PAYLOAD");
  });

  it("emits the error as an event when there is no ack", async () => {
    const s = await client();
    const error = next(s, "error");
    s.emit("join:restaurant", RESTAURANT_B);
    const e = await error;
    assert.equal(e.success, false);
    assert.equal(e.error.code, "PERMISSION_DENIED");
    assert.ok(s.connected, "a bad event never disconnects");
  });

  it("lets an admin join any restaurant", async () => {
    const s = await client({ role: "admin", restaurant_id: undefined });
    const ack = await call(s, "join:restaurant", RESTAURANT_B);
    assert.equal(ack.success, true);
  });
});

describe("orders", () => {
  it("broadcasts order:created to the restaurant room", async () => {
    const s = await joined();
    const tok = token();
    const created = next(s, "order:created");
    const order = await createOrder(server.url, tok);
    const seen = await created;
    assert.equal(seen.id, order.id);
    assert.equal(seen.restaurant_id, RESTAURANT_A);
    assert.match(seen.order_number, /^\d{8}-\d{4}$/);
    assert.equal(seen.status, "new");
    assert.equal(seen.subtotal, 28.25);
    assert.equal(seen.tax, 1.98);
    assert.equal(seen.total, 30.23);
  });

  it("changes a status by event and broadcasts order:status_changed", async () => {
    const kitchen = await joined({ role: "kitchen" });
    const watcher = await joined();
    const order = await createOrder(server.url, token());
    const changed = next(watcher, "order:status_changed", (d) => d.orderId === order.id);
    const ack = await call(kitchen, "order:update_status", { orderId: order.id, status: "confirmed", restaurantId: RESTAURANT_A });
    assert.equal(ack.success, true, JSON.stringify(ack));
    const d = await changed;
    assert.equal(d.previousStatus, "new");
    assert.equal(d.status, "confirmed");
    assert.equal(d.restaurant_id, RESTAURANT_A);
    assert.ok(!Number.isNaN(Date.parse(d.timestamp)));
  });

  it("refuses a transition the table does not allow with INVALID_TRANSITION, changing nothing", async () => {
    const kitchen = await joined({ role: "kitchen" });
    const order = await createOrder(server.url, token());
    const ack = await call(kitchen, "order:update_status", { orderId: order.id, status: "ready", restaurantId: RESTAURANT_A });
    assert.equal(ack.error.code, "INVALID_TRANSITION");
    const now = await rest(server.url, "GET", `/orders/${order.id}`, { tok: token() });
    assert.equal(now.body.status, "new");
  });

  it("refuses an unknown status value with VALIDATION_ERROR naming the field", async () => {
    const kitchen = await joined({ role: "kitchen" });
    const order = await createOrder(server.url, token());
    const ack = await call(kitchen, "order:update_status", { orderId: order.id, status: "eaten", restaurantId: RESTAURANT_A });
    assert.equal(ack.error.code, "VALIDATION_ERROR");
    assert.ok(JSON.stringify(ack.error.details).includes("status"));
  });

  it("answers ORDER_NOT_FOUND for an order of another restaurant", async () => {
    const order = await createOrder(server.url, token());
    const other = await joined({ role: "kitchen", restaurant_id: RESTAURANT_B }, RESTAURANT_B);
    const ack = await call(other, "order:update_status", { orderId: order.id, status: "confirmed", restaurantId: RESTAURANT_B });
    assert.equal(ack.error.code, "ORDER_NOT_FOUND");
  });

  it("refuses a status change without the orders:status scope", async () => {
    const cashier = await joined({ role: "cashier" });
    const order = await createOrder(server.url, token());
    const ack = await call(cashier, "order:update_status", { orderId: order.id, status: "confirmed", restaurantId: RESTAURANT_A });
    assert.equal(ack.error.code, "PERMISSION_DENIED");
  });

  it("syncs the active orders, oldest first, by ack and by orders:sync:complete", async () => {
    const s = await joined();
    const a = await createOrder(server.url, token(), { table_number: "s1" });
    const b = await createOrder(server.url, token(), { table_number: "s2" });
    const complete = next(s, "orders:sync:complete");
    const ack = await call(s, "orders:sync", { restaurantId: RESTAURANT_A });
    const event = await complete;
    assert.equal(ack.success, true);
    const ids = ack.data.orders.map((o) => o.id);
    assert.ok(ids.indexOf(a.id) >= 0 && ids.indexOf(a.id) < ids.indexOf(b.id));
    assert.deepEqual(event.orders.map((o) => o.id), ids);
    assert.deepEqual(ack.data.statuses, ["new", "pending", "confirmed", "preparing", "ready"]);
  });

  it("broadcasts order:updated with the changed fields", async () => {
    const s = await joined();
    const order = await createOrder(server.url, token());
    const updated = next(s, "order:updated", (d) => d.order.id === order.id);
    const r = await rest(server.url, "PATCH", `/orders/${order.id}`, { tok: token(), body: { notes: "no ice" } });
    assert.equal(r.status, 200);
    const d = await updated;
    assert.deepEqual(d.changes, ["notes"]);
    assert.equal(d.order.notes, "no ice");
    assert.equal(typeof d.updatedBy, "string");
  });

  it("broadcasts status_changed then order:deleted on cancellation", async () => {
    const s = await joined();
    const order = await createOrder(server.url, token());
    const events = [];
    s.on("order:status_changed", (d) => d.orderId === order.id && events.push(["status_changed", d.status]));
    const deleted = next(s, "order:deleted", (d) => d.orderId === order.id);
    const r = await rest(server.url, "DELETE", `/orders/${order.id}`, { tok: token(), body: { reason: "guest left" } });
    assert.equal(r.status, 200);
    const d = await deleted;
    assert.equal(d.reason, "guest left");
    assert.deepEqual(events, [["status_changed", "cancelled"]]);
  });
});

describe("tables", () => {
  it("announces table:ready when the last active order of a table is ready", async () => {
    const s = await joined();
    const tok = token();
    const table = `t-${Date.now()}`;
    const o1 = await createOrder(server.url, tok, { table_number: table });
    const o2 = await createOrder(server.url, tok, { table_number: table });
    for (const o of [o1, o2]) {
      for (const status of ["confirmed", "preparing"]) {
        assert.equal((await rest(server.url, "PATCH", `/orders/${o.id}/status`, { tok, body: { status } })).status, 200);
      }
    }
    let early = false;
    s.on("table:ready", (d) => { if (d.tableNumber === table && !d.orderIds.includes(o2.id)) early = true; });
    const ready = next(s, "table:ready", (d) => d.tableNumber === table);
    await rest(server.url, "PATCH", `/orders/${o1.id}/status`, { tok, body: { status: "ready" } });
    await rest(server.url, "PATCH", `/orders/${o2.id}/status`, { tok, body: { status: "ready" } });
    const d = await ready;
    assert.deepEqual([...d.orderIds].sort(), [o1.id, o2.id].sort());
    assert.equal(early, false);
  });

  it("completes a table: every active order completed, status_changed for each, then table:completed", async () => {
    const server_ = await joined({ role: "server" });
    const s = await joined();
    const tok = token();
    const table = `c-${Date.now()}`;
    const o1 = await createOrder(server.url, tok, { table_number: table });
    const o2 = await createOrder(server.url, tok, { table_number: table });
    const changed = new Set();
    s.on("order:status_changed", (d) => d.status === "completed" && changed.add(d.orderId));
    const completed = next(s, "table:completed", (d) => d.tableNumber === table);
    const ack = await call(await joined({ role: "expo" }), "table:complete", { tableNumber: table, restaurantId: RESTAURANT_A });
    assert.equal(ack.success, true, JSON.stringify(ack));
    const d = await completed;
    assert.deepEqual([...d.orderIds].sort(), [o1.id, o2.id].sort());
    assert.equal(d.restaurant_id, RESTAURANT_A);
    assert.deepEqual([...changed].sort(), [o1.id, o2.id].sort());
    server_.close();
  });
});

describe("kitchen alerts and stations", () => {
  it("broadcasts a kitchen:alert to the restaurant room", async () => {
    const kitchen = await joined({ role: "kitchen" });
    const watcher = await joined();
    const alert = next(watcher, "kitchen:alert");
    const ack = await call(kitchen, "kitchen:alert", { restaurantId: RESTAURANT_A, type: "urgent", message: "86 salmon", severity: 5 });
    assert.equal(ack.success, true);
    const a = await alert;
    assert.equal(a.type, "urgent");
    assert.equal(a.message, "86 salmon");
    assert.equal(a.severity, 5);
  });

  it("sends a station alert only to that station's room", async () => {
    const bar = await client({ role: "kitchen" });
    assert.equal((await call(bar, "join:station", { restaurantId: RESTAURANT_A, station: "bar" })).success, true);
    const grill = await client({ role: "kitchen" });
    assert.equal((await call(grill, "join:station", { restaurantId: RESTAURANT_A, station: "kitchen" })).success, true);
    const grillSeen = record(grill);
    const barAlert = next(bar, "kitchen:alert");
    const ack = await call(bar, "kitchen:alert", { restaurantId: RESTAURANT_A, type: "info", message: "ice low", severity: 2, station: "bar" });
    assert.equal(ack.success, true);
    assert.equal((await barAlert).message, "ice low");
    // a later restaurant-wide event proves the grill's socket is live and saw no bar alert
    const marker = next(grill, "kitchen:alert", (d) => d.message === "marker");
    await call(bar, "kitchen:alert", { restaurantId: RESTAURANT_A, type: "info", message: "marker", severity: 1 });
    await marker;
    assert.deepEqual(grillSeen.filter((e) => e.event === "kitchen:alert").map((e) => e.data.message), ["marker"]);
  });

  it("refuses an alert without the kitchen:alert scope", async () => {
    const cashier = await joined({ role: "cashier" });
    const ack = await call(cashier, "kitchen:alert", { restaurantId: RESTAURANT_A, type: "info", message: "x", severity: 1 });
    assert.equal(ack.error.code, "PERMISSION_DENIED");
  });

  it("refuses a severity outside 1-5 with VALIDATION_ERROR", async () => {
    const kitchen = await joined({ role: "kitchen" });
    const ack = await call(kitchen, "kitchen:alert", { restaurantId: RESTAURANT_A, type: "info", message: "x", severity: 9 });
    assert.equal(ack.error.code, "VALIDATION_ERROR");
  });

  it("gives station rooms only the orders with items for that station; expo gets all", async () => {
    const bar = await client({ role: "kitchen" });
    await call(bar, "join:station", { restaurantId: RESTAURANT_A, station: "bar" });
    const expo = await client({ role: "expo" });
    await call(expo, "join:station", { restaurantId: RESTAURANT_A, station: "expo" });
    const barSeen = record(bar);
    const foodOnly = await createOrder(server.url, token(), { items: [{ name: "Soup", quantity: 1, price: 5, station: "kitchen" }] });
    const drink = await createOrder(server.url, token(), { items: [{ name: "Cola", quantity: 1, price: 2, station: "bar" }] });
    await next(bar, "order:created", (o) => o.id === drink.id, 10_000, true);
    const expoSaw = await next(expo, "order:created", (o) => o.id === foodOnly.id, 10_000, true);
    assert.equal(expoSaw.id, foodOnly.id);
    assert.ok(await next(expo, "order:created", (o) => o.id === drink.id, 10_000, true));
    const barIds = barSeen.filter((e) => e.event === "order:created").map((e) => e.data.id);
    assert.ok(barIds.includes(drink.id));
    assert.ok(!barIds.includes(foodOnly.id));
  });
});

describe("isolation", () => {
  it("a socket of restaurant B receives nothing of restaurant A, whatever it tries", async () => {
    const b = await joined({ restaurant_id: RESTAURANT_B }, RESTAURANT_B);
    const seen = record(b);
    const tries = [
      await call(b, "join:restaurant", RESTAURANT_A),
      await call(b, "join:station", { restaurantId: RESTAURANT_A, station: "expo" }),
      await call(b, "orders:sync", { restaurantId: RESTAURANT_A }),
      await call(b, "kitchen:alert", { restaurantId: RESTAURANT_A, type: "info", message: "x", severity: 1 }),
      await call(b, "table:complete", { tableNumber: "5", restaurantId: RESTAURANT_A }),
    ];
    for (const t of tries) assert.equal(t.error?.code, "PERMISSION_DENIED", JSON.stringify(t));
    const a = await joined();
    const order = await createOrder(server.url, token());
    await call(a, "order:update_status", { orderId: order.id, status: "confirmed", restaurantId: RESTAURANT_A });
    // restaurant B's own activity proves its socket is live after A's events
    const own = next(b, "order:created", (o) => o.restaurant_id === RESTAURANT_B);
    await createOrder(server.url, token({ restaurant_id: RESTAURANT_B }));
    await own;
    const leaked = seen.filter((e) => JSON.stringify(e.data ?? "").includes(RESTAURANT_A) || JSON.stringify(e.data ?? "").includes(order.id));
    assert.deepEqual(leaked, []);
  });
});

describe("batching", () => {
  it("sends orders:batch_update every 100 ms instead of single events", async () => {
    const s = await client();
    const ack = await call(s, "join:restaurant", { restaurantId: RESTAURANT_A, batch: true });
    assert.equal(ack.success, true);
    let singles = 0;
    s.on("order:created", () => singles++);
    const batches = [];
    s.on("orders:batch_update", (b) => batches.push({ at: Date.now(), items: b }));
    const tok = token();
    const created = [];
    const started = Date.now();
    for (let i = 0; i < 5; i++) created.push((await createOrder(server.url, tok)).id);
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && batches.flatMap((b) => b.items).filter((i) => i.event === "order:created").length < 5) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const items = batches.flatMap((b) => b.items).filter((i) => i.event === "order:created");
    assert.deepEqual(items.map((i) => i.data.id), created);
    assert.equal(singles, 0);
    // At most one batch per 100 ms window (arrival times may bunch up on a loaded machine, never spread out).
    const windows = Math.ceil((batches.at(-1).at - started) / 100) + 1;
    assert.ok(batches.length <= windows, `${batches.length} batches in ${windows} windows of 100 ms`);
  });
});

describe("rate limiting", () => {
  it("refuses events past the limit with RATE_LIMIT and accepts them again after the window", async () => {
    const s = await joined();
    const acks = await Promise.all(Array.from({ length: 8 }, () => call(s, "orders:sync", { restaurantId: RESTAURANT_A })));
    const limited = acks.filter((a) => a.error?.code === "RATE_LIMIT").length;
    assert.equal(acks.length - limited, 5, JSON.stringify(acks.map((a) => a.success)));
    await new Promise((r) => setTimeout(r, 1100));
    const again = await call(s, "orders:sync", { restaurantId: RESTAURANT_A });
    assert.equal(again.success, true);
  });
});

describe("ordering", () => {
  it("keeps per-order order when REST and socket changes interleave", async () => {
    const watcher = await joined();
    const kitchen = await joined({ role: "kitchen" });
    const tok = token();
    const order = await createOrder(server.url, tok);
    const statuses = [];
    const done = next(watcher, "order:status_changed", (d) => d.orderId === order.id && d.status === "completed");
    watcher.on("order:status_changed", (d) => d.orderId === order.id && statuses.push(d.status));
    await rest(server.url, "PATCH", `/orders/${order.id}/status`, { tok, body: { status: "confirmed" } });
    await call(kitchen, "order:update_status", { orderId: order.id, status: "preparing", restaurantId: RESTAURANT_A });
    await rest(server.url, "PATCH", `/orders/${order.id}/status`, { tok, body: { status: "ready" } });
    await call(kitchen, "order:update_status", { orderId: order.id, status: "picked-up", restaurantId: RESTAURANT_A });
    await rest(server.url, "PATCH", `/orders/${order.id}/status`, { tok, body: { status: "completed" } });
    await done;
    assert.deepEqual(statuses, ["confirmed", "preparing", "ready", "picked-up", "completed"]);
  });
});
