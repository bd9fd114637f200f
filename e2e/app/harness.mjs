// Starts the real server jar on a free port with its own data directory, and gives the tests
// what a restaurant's client has: tokens, REST calls and socket.io-client connections.
import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { io } from "socket.io-client";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const JAR = process.env.SERVER_JAR ?? join(ROOT, "server/target/restaurant-os-realtime.jar");
export const SECRET = "e2e-secret-of-at-least-thirty-two-bytes!";

export const RESTAURANT_A = "11111111-1111-1111-1111-111111111111";
export const RESTAURANT_B = "22222222-2222-2222-2222-222222222222";

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => { const { port } = srv.address(); srv.close(() => res(port)); });
    srv.on("error", rej);
  });
}

/**
 * Starts the server; returns { url, stop, output, child, port, dir }. A restart passes the `port` and `dir` of the
 * stopped one (stopped with `stop({ keepDir: true })`) to come back at the same address with the same data.
 */
export async function startServer(env = {}, { port: samePort, dir: sameDir } = {}) {
  const port = samePort ?? await freePort();
  const dir = sameDir ?? mkdtempSync(join(tmpdir(), "ros-e2e-"));
  const output = [];
  const child = spawn("java", ["-jar", JAR, "serve"], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", JWT_SECRET: SECRET, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => output.push(String(d)));
  child.stderr.on("data", (d) => output.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output.join("")}`);
    try {
      const r = await fetch(`${url}/health/live`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { child.kill("SIGKILL"); throw new Error(`server did not start:\n${output.join("")}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async ({ keepDir = false } = {}) => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      let timer;
      // The timer is cleared once the server exited: a pending one would keep Node alive for 15 s.
      await Promise.race([exited, new Promise((r) => { timer = setTimeout(r, 15_000); })]);
      clearTimeout(timer);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
  };
  return { url, stop, output, child, port, dir };
}

const b64url = (o) => Buffer.from(typeof o === "string" ? o : JSON.stringify(o)).toString("base64url");

/** An HS256 token as the contract describes it. */
export function token(claims = {}, { secret = SECRET, alg = "HS256", ttlSeconds = 3600 } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub: `user-${randomUUID()}`, role: "manager", restaurant_id: RESTAURANT_A, exp: now + ttlSeconds, iat: now, ...claims };
  const header = b64url({ alg, typ: "JWT" });
  const body = b64url(payload);
  const signature = alg === "none" ? "" : createHmac("sha256", secret).update(`${header}.${body}`).digest("base64url");
  return `${header}.${body}.${signature}`;
}

/** A REST call; returns { status, body }. */
export async function rest(url, method, path, { tok, body, headers = {} } = {}) {
  const r = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { "content-type": "application/json", ...(tok ? { authorization: `Bearer ${tok}` } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await r.text();
  let parsed;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = text; }
  return { status: r.status, body: parsed };
}

export function newOrder(overrides = {}) {
  return {
    type: "dine-in",
    table_number: "5",
    customer_name: "Ada",
    items: [
      { name: "Burger", quantity: 2, price: 12.5, station: "kitchen", modifiers: ["no onions"] },
      { name: "Lemonade", quantity: 1, price: 3.25, station: "bar" },
    ],
    notes: "window seat",
    ...overrides,
  };
}

export async function createOrder(url, tok, overrides = {}) {
  const r = await rest(url, "POST", "/orders", { tok, body: newOrder(overrides) });
  if (r.status !== 201) throw new Error(`create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * Connects and waits for the connection (or rejects with the connect_error). Every event the
 * socket receives from the start is recorded in `socket.seen`.
 */
export function connect(url, opts = {}) {
  const socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, autoConnect: false, ...opts });
  socket.seen = record(socket);
  socket.connect();
  return new Promise((res, rej) => {
    const timer = setTimeout(() => { socket.close(); rej(new Error("connect timeout")); }, 10_000);
    // Both listeners go once the first connection is decided: a later connect_error (a reconnection attempt
    // while the server is down) must not close a socket that reconnects by itself.
    const onConnect = () => { clearTimeout(timer); socket.off("connect_error", onError); res(socket); };
    const onError = (err) => { clearTimeout(timer); socket.off("connect", onConnect); socket.close(); rej(err); };
    socket.once("connect", onConnect);
    socket.once("connect_error", onError);
  });
}

/** Emits with an ack and resolves with the ack's first argument. */
export function call(socket, event, payload, timeoutMs = 10_000) {
  return socket.timeout(timeoutMs).emitWithAck(event, payload);
}

/**
 * Resolves with the first payload of `event` that satisfies `match`: one already recorded in
 * `socket.seen` (when `fromStart`), or the next to arrive.
 */
export function next(socket, event, match = () => true, timeoutMs = 10_000, fromStart = false) {
  if (fromStart) {
    const earlier = socket.seen?.find((e) => e.event === event && match(e.data));
    if (earlier) return Promise.resolve(earlier.data);
  }
  return new Promise((res, rej) => {
    const timer = setTimeout(() => { socket.off(event, on); rej(new Error(`no ${event} within ${timeoutMs} ms`)); }, timeoutMs);
    function on(data) {
      if (match(data)) { clearTimeout(timer); socket.off(event, on); res(data); }
    }
    socket.on(event, on);
  });
}

/** Records every event a socket receives, for isolation checks. */
export function record(socket) {
  const seen = [];
  socket.onAny((event, ...args) => seen.push({ event, data: args[0] }));
  return seen;
}
