// A bare Engine.IO v4 client over a websocket: sends and reads raw Socket.IO packets, so a test can
// send what no official client would (events without a successful CONNECT).
import assert from "node:assert/strict";
import WebSocket from "ws";
import { STEP_TIMEOUT_MS, URL, within } from "./harness.js";

export class RawEngineClient {
  /** Opens a websocket session and reads the Engine.IO OPEN packet. */
  static async open() {
    const ws = new WebSocket(`${URL.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`);
    const client = new RawEngineClient(ws);
    await within(new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    }), "the raw websocket to open");
    const open = await client.nextMessage();
    assert.match(open, /^0\{/, "the first packet is Engine.IO OPEN");
    client.handshake = JSON.parse(open.slice(1));
    client.received.length = 0;
    return client;
  }

  constructor(ws) {
    this.ws = ws;
    /** Every message received after OPEN (cleared once OPEN is read) except pings, in order: text as string, binary as Buffer. */
    this.received = [];
    this.queue = [];
    this.waiters = [];
    ws.on("message", (data, isBinary) => {
      const message = isBinary ? Buffer.from(data) : data.toString("utf8");
      if (message === "2") {
        ws.send("3"); // answer the server's heartbeat
        return;
      }
      this.received.push(message);
      const waiter = this.waiters.shift();
      if (waiter) {
        waiter(message);
      } else {
        this.queue.push(message);
      }
    });
  }

  /** The next message from the server (pings are answered and skipped). */
  nextMessage(ms = STEP_TIMEOUT_MS) {
    if (this.queue.length > 0) {
      return Promise.resolve(this.queue.shift());
    }
    return within(new Promise((resolve) => this.waiters.push(resolve)), "a message on the raw websocket", ms);
  }

  /** Sends an Engine.IO MESSAGE carrying this Socket.IO packet (text). */
  sendPacket(socketIoPacket) {
    this.ws.send(`4${socketIoPacket}`);
  }

  /** Sends a binary attachment (Engine.IO v4 websockets carry binary messages as binary frames). */
  sendAttachment(bytes) {
    this.ws.send(bytes, { binary: true });
  }

  close() {
    this.ws.close();
  }
}
