// Flaky Wi-Fi: a kitchen screen that loses its connection gets, on reconnection, every restaurant event it
// missed, once and in order (connection state recovery); after the recovery window it is told
// `recovered: false` and `orders:sync` gives it the whole state. Run by ReconnectionIT against the jar.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { RESTAURANT_A, call, connect, createOrder, next, rest, startServer, token } from "./harness.mjs";

const WINDOW_SECONDS = 2;
const CYCLES = 6;
let server;
const sockets = [];
const tok = token();
const kitchenTok = token({ role: "kitchen" });

before(async () => {
  const t = Date.now();
  server = await startServer({
    RECOVERY_WINDOW_SECONDS: String(WINDOW_SECONDS), REST_RATE_LIMIT_PER_SECOND: "0", RATE_LIMIT_PER_SECOND: "1000",
  });
  console.log(`# started in ${Date.now() - t} ms`);
});
after(async () => {
  sockets.forEach((s) => s.close());
  const t = Date.now();
  await server?.stop();
  console.log(`# stopped in ${Date.now() - t} ms`);
});

/** A connected socket in the restaurant room, or in a station room; it records what it receives. */
async function screen(station) {
  const s = await connect(server.url, { auth: { token: station ? kitchenTok : tok } });
  sockets.push(s);
  s.received = [];
  s.onAny((event, ...args) => {
    // Broadcasts carry their recovery offset last: the same offset for every receiver of one broadcast.
    if (event !== "connection:status") s.received.push({ event, offset: args.at(-1), data: args[0] });
  });
  const ack = station
    ? await call(s, "join:station", { restaurantId: RESTAURANT_A, station })
    : await call(s, "join:restaurant", RESTAURANT_A);
  assert.equal(ack.success, true, JSON.stringify(ack));
  return s;
}

const items = {
  kitchen: [{ name: "Steak", quantity: 1, price: 24, station: "kitchen" }],
  bar: [{ name: "Negroni", quantity: 2, price: 11, station: "bar" }],
  both: [{ name: "Fries", quantity: 1, price: 4.5, station: "kitchen" }, { name: "Beer", quantity: 1, price: 6, station: "bar" }],
  none: [{ name: "Bread", quantity: 1, price: 2 }],
};

async function ok(method, path, body) {
  const r = await rest(server.url, method, path, { tok, body });
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * Everything a restaurant does in a while, by REST and by socket events: orders for each station, status
 * changes up to ready (table:ready of its own table), a cancellation (status_changed then order:deleted), an edit, alerts to
 * the whole restaurant and to single stations, and a table closed by a socket event. Returns how many calls.
 */
async function service(actor, table) {
  let calls = 0;
  const orders = [];
  for (const kind of ["kitchen", "bar", "both", "none"]) {
    const tableOf = { kitchen: "k", bar: "b", both: "a", none: "a" }[kind];
    orders.push(await createOrder(server.url, tok, { table_number: `${table}-${tableOf}`, items: items[kind] }));
    calls++;
  }
  for (const status of ["confirmed", "preparing", "ready"]) {
    await ok("PATCH", `/orders/${orders[0].id}/status`, { status });
    calls++;
  }
  await ok("PATCH", `/orders/${orders[2].id}`, { notes: "no salt" });
  await ok("DELETE", `/orders/${orders[1].id}`, { reason: "guest left" });
  await ok("POST", "/alerts", { type: "warning", message: `${table}: fryer slow`, severity: 3 });
  await ok("POST", "/alerts", { type: "info", message: `${table}: ice low`, severity: 2, station: "bar" });
  await ok("POST", "/alerts", { type: "urgent", message: `${table}: 86 salmon`, severity: 5, station: "kitchen" });
  calls += 5;
  const ack = await call(actor, "table:complete", { tableNumber: `${table}-a`, restaurantId: RESTAURANT_A });
  assert.equal(ack.success, true, JSON.stringify(ack));
  return calls + 1;
}

/** Waits until every screen has received the alert with this message (the events before it are in). */
async function fence(screens, message) {
  const seen = screens.map((s) => next(s, "kitchen:alert", (a) => a.message === message, 10_000, true));
  await ok("POST", "/alerts", { type: "info", message, severity: 1 });
  await Promise.all(seen);
}

function offsets(s) {
  return s.received.map((e) => `${e.event}@${e.offset}`);
}

/** Drops the connection the way a flaky network does and keeps the client away until `back()`. */
async function dropConnection(s) {
  s.io.reconnection(false);
  const gone = next(s, "disconnect");
  s.io.engine.close();
  const reason = await gone;
  assert.equal(reason, "forced close", "the client closed its transport itself");
  return async () => {
    const back = next(s, "connect", () => true, 10_000);
    s.connect();
    await back;
  };
}

describe("missed events", () => {
  it("come back once and in order, to the restaurant room and to station rooms, even while traffic goes on", async () => {
    const actor = await screen(); // the expo's tablet: closes tables by socket event
    const watchAll = await screen();
    const watchKitchen = await screen("kitchen");
    const watchBar = await screen("bar");
    const flakyAll = await screen();
    const flakyKitchen = await screen("kitchen");
    const flakyBar = await screen("bar");
    const watchers = [watchAll, watchKitchen, watchBar];
    const flaky = [flakyAll, flakyKitchen, flakyBar];
    const started = Date.now();

    let calls = await service(actor, "before");
    await fence([...watchers, ...flaky], "before is in");

    // Orders and alerts keep coming from three terminals while the flaky screens drop and come back, each
    // CYCLES times at its own pace: what is published while one reconnects is neither lost nor doubled.
    let streaming = true;
    let streamed = 0;
    const writer = async (w) => {
      while (streaming) {
        const n = streamed++;
        if (n % 4 === 3) {
          await ok("POST", "/alerts", { type: "info", message: `rush ${n}`, severity: 1, ...(n % 8 === 3 ? { station: "bar" } : {}) });
        } else {
          await createOrder(server.url, tok, { table_number: `rush-${w}`, items: items[["kitchen", "bar", "both"][n % 3]] });
        }
      }
    };
    const writers = [0, 1, 2].map(writer);
    const pause = (ms) => new Promise((r) => setTimeout(r, ms));
    let drops = 0;
    const flap = async (s, i) => {
      for (let c = 0; c < CYCLES; c++) {
        const back = await dropConnection(s);
        drops++;
        await pause(15 + ((i * 37 + c * 53) % 80));
        await back();
        await pause(5 + ((i * 13 + c * 29) % 40));
      }
    };
    const [awayCalls] = await Promise.all([service(actor, "away"), ...flaky.map(flap)]);
    streaming = false;
    await Promise.all(writers);
    calls += awayCalls + streamed;
    await fence([...watchers, ...flaky], "after is in");

    for (const s of flaky) {
      assert.equal(s.recovered, true, "socket.recovered");
      const statuses = s.seen.filter((e) => e.event === "connection:status").map((e) => e.data.recovered);
      assert.deepEqual(statuses, [false, ...Array(CYCLES).fill(true)], "connection:status told it each time");
    }
    const pairs = [[watchAll, flakyAll, "restaurant"], [watchKitchen, flakyKitchen, "kitchen"], [watchBar, flakyBar, "bar"]];
    for (const [watch, flakyOne, room] of pairs) {
      const expected = offsets(watch);
      const got = offsets(flakyOne);
      assert.equal(new Set(got).size, got.length, `${room}: no event twice`);
      const missing = expected.filter((o) => !got.includes(o));
      assert.deepEqual(missing, [], `${room}: no event lost`);
      assert.deepEqual(got, expected, `${room}: the reconnected screen saw exactly what a connected one saw, in order`);
    }
    // The rooms hold what they should: a station screen sees no other station's alert or order.
    assert.ok(!flakyKitchen.received.some((e) => e.event === "kitchen:alert" && /ice low/.test(e.data.message)));
    assert.ok(!flakyBar.received.some((e) => e.event === "kitchen:alert" && /86 salmon/.test(e.data.message)));
    assert.ok(flakyBar.received.some((e) => e.event === "order:created" && e.data.items.some((i) => i.name === "Negroni")));
    assert.ok(!flakyBar.received.some((e) => e.event === "order:created" && e.data.items.every((i) => i.station === "kitchen")));

    const names = new Set(flakyAll.received.map((e) => e.event));
    for (const name of ["order:created", "order:status_changed", "order:updated", "order:deleted", "table:ready",
      "table:completed", "kitchen:alert"]) {
      assert.ok(names.has(name), `the restaurant screen got some ${name}`);
    }
    console.log(`# missed events: ${calls} changes (${streamed} from 3 terminals during ${drops} drops and`
      + ` recoveries); the reconnected screens received ${flaky.map((s) => s.received.length).join("/")} events`
      + ` (restaurant/kitchen/bar), equal to the connected ones; ${Date.now() - started} ms`);
  });

  it("after the recovery window: recovered false, and orders:sync gives the whole active state", async () => {
    const flakyAll = await screen();
    const returnAfter = await dropConnection(flakyAll);
    const away = await createOrder(server.url, tok, { table_number: "late", items: items.kitchen });
    await new Promise((r) => setTimeout(r, WINDOW_SECONDS * 1000 + 700));
    await returnAfter();

    assert.equal(flakyAll.recovered, false, "socket.recovered");
    const deadline = Date.now() + 5000;
    const statuses = () => flakyAll.seen.filter((e) => e.event === "connection:status").map((e) => e.data);
    while (statuses().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(statuses().map((st) => [st.state, st.recovered]), [["connected", false], ["connected", false]]);
    assert.ok(!flakyAll.received.some((e) => e.event === "order:created" && e.data.id === away.id),
      "nothing is replayed to a session that was not recovered");
    // Its rooms are gone with its session: it joins again and asks for the state.
    assert.equal((await call(flakyAll, "join:restaurant", RESTAURANT_A)).success, true);
    const sync = await call(flakyAll, "orders:sync", { restaurantId: RESTAURANT_A });
    assert.equal(sync.success, true, JSON.stringify(sync));
    const all = await rest(server.url, "GET", "/orders?status=new,pending,confirmed,preparing,ready&limit=500", { tok });
    assert.equal(all.status, 200);
    assert.deepEqual(sync.data.orders.map((o) => [o.id, o.status, o.updated_at]),
      all.body.orders.map((o) => [o.id, o.status, o.updated_at]));
    assert.ok(sync.data.orders.some((o) => o.id === away.id), "the order created while away is in the sync");
    console.log(`# after the ${WINDOW_SECONDS} s window: recovered=false, orders:sync gave ${sync.data.orders.length} active orders`);
  });
});
