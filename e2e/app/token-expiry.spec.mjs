// Tokens over time: a socket lives no longer than its token. At `exp` the server tells it AUTH_FAILED and
// disconnects it; the client comes back with a fresh token. Run by ReconnectionIT against the jar.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { RESTAURANT_A, call, connect, createOrder, next, startServer, token } from "./harness.mjs";

let server;
const sockets = [];

before(async () => { server = await startServer({ REST_RATE_LIMIT_PER_SECOND: "0" }); });
after(async () => { sockets.forEach((s) => s.close()); await server?.stop(); });

/** A token that expires at the next whole second at least `seconds` from now; returns it with its exp in ms. */
function expiringToken(seconds) {
  const exp = Math.ceil(Date.now() / 1000) + seconds;
  const tok = token({ role: "kitchen" }, { ttlSeconds: exp - Math.floor(Date.now() / 1000) });
  const claims = JSON.parse(Buffer.from(tok.split(".")[1], "base64url").toString());
  return { tok, expMs: claims.exp * 1000 };
}

describe("tokens over time", () => {
  it("disconnects a socket at its token's expiry with AUTH_FAILED; it comes back with a fresh token", async () => {
    const first = expiringToken(2);
    let current = first.tok;
    // The auth callback is asked at every (re)connection: the client shows the token it has now.
    const s = await connect(server.url, { auth: (cb) => cb({ token: current }) });
    sockets.push(s);
    assert.equal((await call(s, "join:restaurant", RESTAURANT_A)).success, true);

    const told = next(s, "error", (e) => e?.error?.code === "AUTH_FAILED", 10_000);
    const gone = next(s, "disconnect", () => true, 10_000);
    const error = await told;
    const reason = await gone;
    const at = Date.now();
    assert.equal(error.success, false);
    assert.match(error.error.message, /expired/);
    assert.equal(reason, "io server disconnect", "the server ended the session on purpose: no automatic retry");
    assert.ok(at >= first.expMs - 50, `disconnected ${first.expMs - at} ms before exp`);
    assert.ok(at <= first.expMs + 1500, `disconnected ${at - first.expMs} ms after exp`);

    // The stale token no longer gets in, even within the verifier's clock skew.
    const stale = await connect(server.url, { auth: { token: first.tok } }).then((x) => { x.close(); return null; }, (e) => e);
    assert.equal(stale?.message, "AUTH_FAILED", "a reconnection with the expired token is refused");
    assert.equal(stale.data.code, "AUTH_FAILED");

    // What a client does on AUTH_FAILED: fetch a fresh token and connect again.
    current = token({ role: "kitchen" });
    const back = next(s, "connect", () => true, 10_000);
    s.connect();
    await back;
    assert.equal(s.connected, true);
    assert.equal((await call(s, "join:restaurant", RESTAURANT_A)).success, true);
    const created = next(s, "order:created", () => true, 10_000);
    const order = await createOrder(server.url, token());
    assert.equal((await created).id, order.id, "the reconnected socket receives the restaurant's events again");
    console.log(`# token expiry: disconnected ${at - first.expMs} ms after exp with AUTH_FAILED, stale token refused,`
      + " reconnected with a fresh one");
  });

  it("ends every socket at its own token's expiry, not before", async () => {
    const short = expiringToken(1);
    const long = expiringToken(3);
    const a = await connect(server.url, { auth: { token: short.tok } });
    const b = await connect(server.url, { auth: { token: long.tok } });
    sockets.push(a, b);
    const ends = await Promise.all([a, b].map((s) => next(s, "disconnect", () => true, 10_000).then(() => Date.now())));
    assert.ok(ends[0] >= short.expMs - 50 && ends[0] <= short.expMs + 1500, `first: ${ends[0] - short.expMs} ms after exp`);
    assert.ok(ends[1] >= long.expMs - 50 && ends[1] <= long.expMs + 1500, `second: ${ends[1] - long.expMs} ms after exp`);
  });
});
