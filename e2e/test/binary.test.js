// Binary payloads both ways, byte for byte, over each transport: in events, in acks, nested, several at once.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { ask, closeAll, connected, next, upgraded, within, withoutOffset } from "../support/harness.js";
import { allBytes, assertBytes, assertServerSample, digestsOf, largePattern, reversedBytes } from "../support/binary.js";

afterEach(closeAll);

const TRANSPORTS = {
  websocket: { transports: ["websocket"] },
  polling: { transports: ["polling"] },
  "polling upgraded to websocket": {},
};

/** Client-made binary in every shape the client encodes: Buffer, ArrayBuffer, a typed-array view, nested, empty. */
function clientPayload() {
  const backing = new Uint8Array(allBytes());
  return {
    allBytes: allBytes(),
    nested: [reversedBytes(), { large: largePattern(), text: "not binary" }, Buffer.alloc(0)],
    arrayBuffer: backing.buffer.slice(10, 20),
    view: backing.subarray(100, 164),
  };
}

for (const [name, options] of Object.entries(TRANSPORTS)) {
  describe(`binary over ${name}`, () => {
    async function open() {
      const socket = await connected("/", options);
      if (!options.transports) {
        await upgraded(socket);
      }
      return socket;
    }

    test("binary from the client arrives byte-exact (server checks SHA-256 of each attachment)", async () => {
      const socket = await open();
      const payload = clientPayload();
      const second = Buffer.from("second argument, binary too");

      const digests = await ask(socket, "binary-digest", payload, "plain text", second);

      assert.deepEqual(digests, digestsOf([payload, "plain text", second]));
      assert.equal(digests.length, 7, "seven binary values were found");
    });

    test("binary from the server arrives byte-exact in an ack", async () => {
      const socket = await open();
      assertServerSample(await ask(socket, "binary-sample"));
    });

    test("binary from the server arrives byte-exact in an event", async () => {
      const socket = await open();
      const sample = next(socket, "binary-sample");
      socket.emit("send-binary-sample");
      const [received] = withoutOffset(await sample);
      assertServerSample(received);
    });

    test("binary sent with an ack request comes back identical in the ack", async () => {
      const socket = await open();
      const payload = { all: allBytes(), list: [reversedBytes(), "between", largePattern()] };

      const reply = await within(
        new Promise((resolve) => socket.emit("echo-ack", payload, allBytes(), (...args) => resolve(args))),
        "the echo-ack callback",
      );

      assert.equal(reply.length, 2);
      assert.deepEqual(reply[0], payload);
      assertBytes(reply[0].all, allBytes(), "all");
      assertBytes(reply[0].list[0], reversedBytes(), "list[0]");
      assertBytes(reply[0].list[2], largePattern(), "list[2]");
      assertBytes(reply[1], allBytes(), "second argument");
    });

    test("binary in the client's ack to a server question arrives byte-exact", async () => {
      const socket = await open();
      socket.on("question", (question, answer) => {
        answer({ for: question, bytes: allBytes(), more: [largePattern()] }, reversedBytes());
      });
      const relayed = next(socket, "client-answered");
      socket.emit("ask-client", "send me bytes");

      const [answer, second] = withoutOffset(await relayed);
      assert.equal(answer.for, "send me bytes");
      assertBytes(answer.bytes, allBytes(), "answer.bytes");
      assertBytes(answer.more[0], largePattern(), "answer.more[0]");
      assertBytes(second, reversedBytes(), "second answer argument");
    });
  });
}
