// Shared by the end-to-end tests: where the server is, how to open official clients, and how to
// wait for something with a deadline instead of sleeping.
import assert from "node:assert/strict";
import { io } from "socket.io-client";

/** The server under test, e.g. http://127.0.0.1:41234 (no trailing slash). */
export const URL = serverUrl();

/** The token the test application's auth middleware lets in. */
export const GOOD_AUTH = Object.freeze({ token: "valid-token" });

/** How long any single awaited step may take. */
export const STEP_TIMEOUT_MS = 5_000;

function serverUrl() {
  const url = process.env.E2E_URL;
  if (!url) {
    throw new Error("E2E_URL is not set: it names the Socket.IO server under test, e.g. http://127.0.0.1:41234");
  }
  return url.replace(/\/+$/, "");
}

/** Resolves like `promise`, or rejects after `ms` saying what was awaited. */
export function within(promise, what, ms = STEP_TIMEOUT_MS) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The arguments of the next `event` on `emitter` (a socket or an engine). */
export function next(emitter, event, ms = STEP_TIMEOUT_MS) {
  return within(new Promise((resolve) => emitter.once(event, (...args) => resolve(args))), `"${event}"`, ms);
}

/** Collects every emission of `event` on `socket`, each as its array of arguments. */
export function record(socket, event) {
  const calls = [];
  socket.on(event, (...args) => calls.push(args));
  return calls;
}

const open = new Set();

/**
 * An official client for `namespace`, not yet necessarily connected. Defaults: a fresh connection
 * (forceNew), the good token, and no automatic reconnection (a test that wants it says so).
 * Every client is closed by closeAll().
 */
export function client(namespace = "/", options = {}) {
  return track(io(URL + namespace, { forceNew: true, reconnection: false, auth: GOOD_AUTH, ...options }));
}

/** Has closeAll() close this socket. */
export function track(socket) {
  open.add(socket);
  return socket;
}

/** Resolves once the socket is connected; rejects with the connect_error if it is refused. */
export function connection(socket) {
  if (socket.connected) {
    return Promise.resolve(socket);
  }
  return within(
    new Promise((resolve, reject) => {
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", reject);
    }),
    `connect to ${socket.nsp}`,
  );
}

/** A client for `namespace` that has connected. */
export function connected(namespace = "/", options = {}) {
  return connection(client(namespace, options));
}

/** The connect_error a socket gets; fails if it connects instead. */
export function refusal(socket) {
  return within(
    new Promise((resolve, reject) => {
      socket.once("connect_error", resolve);
      socket.once("connect", () => reject(new Error(`${socket.nsp} connected but a connect_error was expected`)));
    }),
    `connect_error on ${socket.nsp}`,
  );
}

/** Resolves once the socket's engine runs on websocket (at once if it already does). */
export function upgraded(socket) {
  const engine = socket.io.engine;
  if (engine.transport.name === "websocket") {
    return Promise.resolve();
  }
  return within(
    new Promise((resolve) => engine.once("upgrade", () => resolve())),
    "the upgrade to websocket",
  );
}

/** The server's acknowledgement of `event`, within the step timeout. */
export function ask(socket, event, ...args) {
  return socket.timeout(STEP_TIMEOUT_MS).emitWithAck(event, ...args);
}

/**
 * With connection state recovery on, the server appends the event's offset as a last argument.
 * Checks it is there and returns the event's own arguments.
 */
export function withoutOffset(args) {
  assert.ok(args.length > 0, "an event from the server carries at least its offset");
  const offset = args.at(-1);
  assert.equal(typeof offset, "string", `the last argument is the recovery offset, got ${JSON.stringify(offset)}`);
  assert.ok(offset.length > 0, "the recovery offset is not empty");
  return args.slice(0, -1);
}

export function closeAll() {
  for (const socket of open) {
    socket.disconnect();
  }
  open.clear();
}

/** A short unique name, for rooms and counters that must not collide with other tests. */
export function unique(prefix) {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
