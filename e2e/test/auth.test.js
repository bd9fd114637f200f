// The connection middleware: a refusal reaches the client with its message and data, and a client that was
// refused (or is still waiting for the verdict) gets no event handled, whatever it sends.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { ask, client, closeAll, connected, refusal, unique } from "../support/harness.js";
import { RawEngineClient } from "../support/raw-engine.js";

let raw;
afterEach(() => {
  raw?.close();
  raw = undefined;
  closeAll();
});

test("a bad token is refused with the middleware's message and data", async () => {
  const socket = client("/", { auth: { token: "stolen" } });
  const error = await refusal(socket);
  assert.equal(error.message, "unauthorized");
  assert.deepEqual(error.data, { code: "BAD_TOKEN", hint: "log in again" });
  assert.equal(socket.connected, false);
  assert.equal(socket.active, false, "the client does not retry after a middleware refusal");
});

test("a missing token is refused with its own error data", async () => {
  const error = await refusal(client("/", { auth: {} }));
  assert.equal(error.message, "unauthorized");
  assert.deepEqual(error.data, { code: "NO_TOKEN" });
});

test("a refusal decided asynchronously by the middleware reaches the client the same way", async () => {
  const error = await refusal(client("/", { auth: { token: "slow-bad-token" } }));
  assert.equal(error.message, "unauthorized");
  assert.deepEqual(error.data, { code: "BAD_TOKEN", hint: "log in again" });
});

test("a good token connects", async () => {
  const socket = await connected("/", { auth: { token: "valid-token" } });
  assert.deepEqual(await ask(socket, "whoami"), { namespace: "/", id: socket.id });
});

test("events sent after a refused CONNECT, or while the middleware decides, reach no handler", async () => {
  const key = unique("probe");
  const observer = await connected("/");
  assert.equal(await ask(observer, "handled-count", key), 0);

  raw = await RawEngineClient.open();

  // Refused at once (the middleware throws).
  raw.sendPacket(`0${JSON.stringify({ token: "stolen" })}`);
  const refused = await raw.nextMessage();
  assert.ok(refused.startsWith("44{"), `CONNECT_ERROR expected, got ${refused}`);
  assert.deepEqual(JSON.parse(refused.slice(2)), {
    message: "unauthorized",
    data: { code: "BAD_TOKEN", hint: "log in again" },
  });
  raw.sendPacket(`2${JSON.stringify(["record", key])}`);
  raw.sendPacket(`21${JSON.stringify(["record", key])}`);
  raw.sendPacket(`51-${JSON.stringify(["record", key, { _placeholder: true, num: 0 }])}`);
  raw.sendAttachment(Buffer.from([1, 2, 3]));

  // Refused after a delay: these events arrive while the middleware has not decided yet.
  raw.sendPacket(`0${JSON.stringify({ token: "slow-bad-token" })}`);
  raw.sendPacket(`2${JSON.stringify(["record", key])}`);
  raw.sendPacket(`22${JSON.stringify(["record", key])}`);
  const refusedLater = await raw.nextMessage();
  assert.ok(refusedLater.startsWith("44{"), `CONNECT_ERROR expected, got ${refusedLater}`);
  assert.equal(JSON.parse(refusedLater.slice(2)).message, "unauthorized");
  raw.sendPacket(`2${JSON.stringify(["record", key])}`);

  // The session handles its packets in order, so once this answer is back every packet above was handled.
  raw.sendPacket("0/fence-no-such-namespace,");
  assert.equal(await raw.nextMessage(), '44/fence-no-such-namespace,{"message":"Invalid namespace"}');

  assert.equal(raw.received.length, 3, `no acknowledgement or other packet came back: ${JSON.stringify(raw.received)}`);
  assert.equal(await ask(observer, "handled-count", key), 0, "no 'record' handler ran for the refused client");

  // The counter does count: the same event from a connected client is handled once.
  assert.equal(await ask(observer, "record", key), 1);
  assert.equal(await ask(observer, "handled-count", key), 1);
});
