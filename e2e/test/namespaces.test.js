// Namespaces: a custom one works alone and beside the main one on the same connection; an unknown one is refused.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { Manager } from "socket.io-client";
import { GOOD_AUTH, URL, ask, client, closeAll, connected, connection, refusal, track } from "../support/harness.js";

afterEach(closeAll);

test("a client connects to /custom and the namespace's own handlers answer", async () => {
  const socket = await connected("/custom", { auth: {} });
  assert.deepEqual(await ask(socket, "whoami"), { namespace: "/custom", id: socket.id });
  assert.deepEqual(await ask(socket, "echo-ack", ["from", "/custom"]), ["from", "/custom"]);
});

test("/ and /custom share one connection and each has its own socket", async () => {
  const manager = new Manager(URL, { reconnection: false });
  const main = track(manager.socket("/", { auth: GOOD_AUTH }));
  const custom = track(manager.socket("/custom"));
  await Promise.all([connection(main), connection(custom)]);

  assert.equal(main.io.engine, custom.io.engine, "one Engine.IO connection carries both namespaces");
  assert.notEqual(main.id, custom.id);
  const [mainIdentity, customIdentity] = await Promise.all([ask(main, "whoami"), ask(custom, "whoami")]);
  assert.deepEqual(mainIdentity, { namespace: "/", id: main.id });
  assert.deepEqual(customIdentity, { namespace: "/custom", id: custom.id });
});

test("an unknown namespace is refused with connect_error 'Invalid namespace'", async () => {
  const socket = client("/no-such-namespace");
  const error = await refusal(socket);
  assert.equal(error.message, "Invalid namespace");
  assert.equal(socket.connected, false);
  assert.equal(socket.active, false, "the client does not retry a namespace the server refused");
});

test("a refused namespace does not disturb another namespace on the same connection", async () => {
  const manager = new Manager(URL, { reconnection: false });
  const main = track(manager.socket("/", { auth: GOOD_AUTH }));
  await connection(main);
  const unknown = track(manager.socket("/no-such-namespace"));

  assert.equal((await refusal(unknown)).message, "Invalid namespace");
  assert.equal(main.connected, true);
  assert.equal(await ask(main, "echo-ack", "still here"), "still here");
});
