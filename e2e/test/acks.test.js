// Acknowledgements both ways: the client's callback answered by the server, and the server's emitWithAck
// answered by the client (the server relays the answer in another event so the test can see what it got).
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { ask, closeAll, connected, next, within, withoutOffset } from "../support/harness.js";

afterEach(closeAll);

test("the client's ack callback receives every argument the server acknowledges with", async () => {
  const socket = await connected("/");
  const reply = await within(
    new Promise((resolve) => socket.emit("echo-ack", "order-17", 3, { ready: true, items: [] }, null, (...args) => resolve(args))),
    "the echo-ack callback",
  );
  assert.deepEqual(reply, ["order-17", 3, { ready: true, items: [] }, null]);
});

test("emitWithAck resolves with the server's acknowledgement", async () => {
  const socket = await connected("/");
  assert.deepEqual(await ask(socket, "whoami"), { namespace: "/", id: socket.id });
  assert.deepEqual(await ask(socket, "echo-ack", { nested: { deeper: [1, "two"] } }), { nested: { deeper: [1, "two"] } });
});

test("acks are matched to their requests when many are in flight at once", async () => {
  const socket = await connected("/");
  const replies = await Promise.all(Array.from({ length: 100 }, (_, i) => ask(socket, "echo-ack", i)));
  assert.deepEqual(replies, Array.from({ length: 100 }, (_, i) => i));
});

test("the server's question is answered by the client's ack and the server gets the answer", async () => {
  const socket = await connected("/");
  const questions = [];
  socket.on("question", (...args) => {
    const answer = args.pop();
    assert.equal(typeof answer, "function", "the server asked for an acknowledgement");
    questions.push(args);
    answer({ doubled: args[0].n * 2 }, "second", 3);
  });
  const relayed = next(socket, "client-answered");

  socket.emit("ask-client", { n: 21 });

  assert.deepEqual(withoutOffset(await relayed), [{ doubled: 42 }, "second", 3]);
  assert.deepEqual(questions, [[{ n: 21 }]], "the question carried the server's arguments and no offset");
});

test("the server's questions to several clients each get their own client's answer", async () => {
  const sockets = await Promise.all([connected("/"), connected("/"), connected("/")]);
  const relays = sockets.map((socket, i) => {
    socket.on("question", (question, answer) => answer(`client ${i} answers ${question}`));
    return next(socket, "client-answered");
  });
  sockets.forEach((socket, i) => socket.emit("ask-client", `question ${i}`));

  const answers = await Promise.all(relays);
  assert.deepEqual(answers.map(withoutOffset), [
    ["client 0 answers question 0"],
    ["client 1 answers question 1"],
    ["client 2 answers question 2"],
  ]);
});
