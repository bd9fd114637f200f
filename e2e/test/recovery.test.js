// Connection state recovery: a client that loses its connection comes back with the same id and its rooms,
// and receives, in order, what was emitted to it and to its rooms while it was away.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { ask, client, closeAll, connected, connection, next, record, unique, upgraded, withoutOffset } from "../support/harness.js";

afterEach(closeAll);

test("a client that lost its connection recovers its id, its rooms and the events it missed, in order", async () => {
  const room = unique("room");
  const otherRoom = unique("other-room");
  const socket = client("/", { reconnection: true });
  const seq = record(socket, "seq");
  const missed = record(socket, "missed");
  await connection(socket);
  await upgraded(socket);
  assert.equal(socket.recovered, false, "a first connection recovers nothing");
  const id = socket.id;

  assert.equal(await ask(socket, "join", room), true);
  assert.equal(await ask(socket, "emit-sequence", { event: "seq", count: 3 }), 3);
  // The ack follows the three events on the same connection, so they are all here.
  assert.deepEqual(seq.map((args) => withoutOffset(args)), [[1], [2], [3]]);

  // Lose the connection, and keep the client away until the server has emitted what it will miss.
  const controller = await connected("/");
  socket.io.reconnection(false);
  const disconnect = next(socket, "disconnect");
  socket.io.engine.close();
  await disconnect;
  assert.equal(socket.connected, false);
  const serverSideReason = await ask(controller, "emit-while-disconnected", { sid: id, room, otherRoom });
  assert.equal(serverSideReason, "transport close", "the server saw the socket leave for a recoverable reason");

  // Come back.
  socket.io.reconnection(true);
  const reconnected = next(socket, "connect");
  socket.connect();
  await reconnected;
  assert.equal(socket.recovered, true);
  assert.equal(socket.id, id);

  // Anything replayed on reconnection comes before this ack.
  assert.equal(await ask(socket, "echo-ack", "fence"), "fence");
  assert.deepEqual(missed.map((args) => withoutOffset(args)), [[1], [2], [3], [4]],
    "the events to the socket and to its room arrive once, in order; the other room's do not");
  const offsets = [...seq, ...missed].map((args) => args.at(-1));
  assert.equal(new Set(offsets).size, offsets.length, "every event has its own offset");
  assert.equal(seq.length, 3, "events received before the disconnection are not replayed");

  // The room membership came back too: a new broadcast to the room reaches the recovered socket.
  const news = next(socket, "room-news");
  assert.equal(await ask(controller, "emit-to-room", { room, event: "room-news", value: "fresh" }), true);
  assert.deepEqual(withoutOffset(await news), ["fresh"]);
});
