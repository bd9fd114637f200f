// Connecting over each transport, the upgrade from polling to websocket, and many clients in a row.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { ask, client, closeAll, connected, connection, next, upgraded, withoutOffset } from "../support/harness.js";

afterEach(closeAll);

test("a websocket-only client connects and an event makes the round trip", async () => {
  const socket = await connected("/", { transports: ["websocket"] });
  assert.equal(socket.io.engine.transport.name, "websocket");
  assert.equal(await ask(socket, "server-transport"), "websocket");

  const echo = next(socket, "echo");
  socket.emit("echo", "hello", { table: 12, items: ["soup", null, true, 3.5] });
  assert.deepEqual(withoutOffset(await echo), ["hello", { table: 12, items: ["soup", null, true, 3.5] }]);
});

test("a client with default transports starts on polling, upgrades to websocket and still exchanges events", async () => {
  const socket = client("/");
  assert.equal(socket.io.engine.transport.name, "polling", "the first transport is long-polling");
  await connection(socket);
  await upgraded(socket);
  assert.equal(socket.io.engine.transport.name, "websocket");
  assert.equal(await ask(socket, "server-transport"), "websocket", "the server sees the upgrade too");

  const echo = next(socket, "echo");
  socket.emit("echo", "after upgrade");
  assert.deepEqual(withoutOffset(await echo), ["after upgrade"]);
  assert.equal(await ask(socket, "echo-ack", "ack after upgrade"), "ack after upgrade");
});

test("a polling-only client connects and exchanges events and acks", async () => {
  const socket = await connected("/", { transports: ["polling"] });
  assert.equal(socket.io.engine.transport.name, "polling");

  const echo = next(socket, "echo");
  socket.emit("echo", "over polling", 42);
  assert.deepEqual(withoutOffset(await echo), ["over polling", 42]);
  assert.deepEqual(await ask(socket, "whoami"), { namespace: "/", id: socket.id });
  assert.equal(socket.io.engine.transport.name, "polling", "no upgrade without the websocket transport");
  assert.equal(await ask(socket, "server-transport"), "polling");
});

test("50 clients one after another each upgrade to websocket and get their ack", { timeout: 40_000 }, async () => {
  const ids = new Set();
  for (let i = 0; i < 50; i++) {
    const socket = await connected("/");
    await upgraded(socket);
    assert.equal(await ask(socket, "echo-ack", `client ${i}`), `client ${i}`);
    assert.equal(socket.io.engine.transport.name, "websocket", `client ${i} is on websocket`);
    assert.equal(await ask(socket, "server-transport"), "websocket", `the server has client ${i} on websocket`);
    ids.add(socket.id);
    socket.disconnect();
  }
  assert.equal(ids.size, 50, "every client got its own socket id");
});
