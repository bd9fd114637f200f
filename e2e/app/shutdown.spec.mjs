// SIGTERM drains: the server tells its sockets and closes them cleanly; the official client sees a transport close
// and, by its own reconnection, comes back once the server is up again at the same address, with the data kept.
// Run by ReconnectionIT against the jar.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { RESTAURANT_A, call, connect, createOrder, next, startServer, token } from "./harness.mjs";

const env = { REST_RATE_LIMIT_PER_SECOND: "0" };
const SCREENS = 5;
let server;
const sockets = [];

after(async () => { sockets.forEach((s) => s.close()); await server?.stop(); });

describe("restart", () => {
  it("closes every socket on SIGTERM; each reconnects by itself when the server is back", async () => {
    server = await startServer(env);
    const tok = token({ role: "kitchen" });
    for (let i = 0; i < SCREENS; i++) {
      const s = await connect(server.url, {
        auth: { token: tok }, reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 500, randomizationFactor: 0,
      });
      s.reasons = [];
      s.on("disconnect", (reason) => s.reasons.push(reason));
      s.connects = 1;
      s.io.on("reconnect", () => s.connects++);
      assert.equal((await call(s, "join:restaurant", RESTAURANT_A)).success, true);
      sockets.push(s);
    }
    const before = await createOrder(server.url, token());
    await Promise.all(sockets.map((s) => next(s, "order:created", (o) => o.id === before.id, 10_000, true)));

    const { port, dir } = server;
    const started = Date.now();
    await server.stop({ keepDir: true });
    const stoppedAfter = Date.now() - started;
    assert.equal(server.child.signalCode ?? server.child.exitCode, 143, "the JVM ran its shutdown and exited");
    assert.ok(stoppedAfter < 10_000, `exited ${stoppedAfter} ms after SIGTERM`);
    assert.match(server.output.join(""), new RegExp(`${SCREENS} connections told 'server shutting down'`));
    for (const s of sockets) assert.deepEqual(s.reasons, ["transport close"]);

    server = await startServer(env, { port, dir });
    const deadline = Date.now() + 15_000;
    while (sockets.some((s) => !s.connected) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(sockets.every((s) => s.connected), "every screen reconnected by itself");
    const backAfter = Date.now() - started;
    for (const s of sockets) {
      assert.equal(s.connects, 2);
      assert.equal(s.recovered, false, "a new process kept no sessions to recover");
      assert.equal((await call(s, "join:restaurant", RESTAURANT_A)).success, true);
    }
    const sync = await call(sockets[0], "orders:sync", { restaurantId: RESTAURANT_A });
    assert.ok(sync.data.orders.some((o) => o.id === before.id), "the order from before the restart is kept");
    const afterRestart = await createOrder(server.url, token());
    await Promise.all(sockets.map((s) => next(s, "order:created", (o) => o.id === afterRestart.id, 10_000, true)));
    console.log(`# restart: ${SCREENS} official clients closed with 'transport close', the server exited ${stoppedAfter} ms`
      + ` after SIGTERM; all were back by themselves ${backAfter} ms after SIGTERM (restart included) and receive events again`);
  });
});
