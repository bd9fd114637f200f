// The reference stack of the side-by-side benchmark: Node.js + socket.io 4.8.4, in memory.
// It implements what the bench scenarios use, with the same wire format as our server (contract
// sections 2-4): HS256 tokens (CONNECT auth, Authorization: Bearer, ?token=), connection:status,
// join:restaurant with its ack, POST /api/v1/orders broadcasting order:created and
// PATCH /api/v1/orders/:id/status broadcasting order:status_changed, plus /health/live and /metrics.
// Same Engine.IO settings as the contract: ping 25 s / 20 s, maxPayload 1 MB, permessage-deflate on
// with a 1 KB threshold, connection state recovery for 2 minutes.
//
//   JWT_SECRET=... PORT=3411 node --expose-gc server.js
import { createServer } from 'node:http';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Server } from 'socket.io';

const PORT = Number(process.env.PORT ?? 3001);
const HOST = process.env.HOST ?? '0.0.0.0';
const SECRET = process.env.JWT_SECRET;
const TAX_RATE = 0.07;
if (!SECRET) {
  console.error('set JWT_SECRET');
  process.exit(2);
}

// ---- tokens -------------------------------------------------------------------------------

const ALL = ['orders:create', 'orders:read', 'orders:update', 'orders:status', 'orders:delete', 'menu:read',
  'kitchen:alert', 'admin'];
const ROLE_SCOPES = {
  owner: ALL, manager: ALL, admin: ALL, super_admin: ALL,
  server: ['orders:create', 'orders:read', 'orders:update', 'orders:status', 'menu:read'],
  cashier: ['orders:read', 'menu:read'],
  kitchen: ['orders:read', 'orders:status', 'kitchen:alert'],
  expo: ['orders:read', 'orders:status', 'kitchen:alert'],
  customer: ['orders:create', 'orders:read'],
};
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const secretKey = Buffer.from(SECRET, 'utf8');

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function verify(token) {
  if (typeof token !== 'string' || token.length === 0) throw new ApiError(401, 'AUTH_FAILED', 'no token');
  const parts = token.split('.');
  if (parts.length !== 3) throw new ApiError(401, 'AUTH_FAILED', 'malformed token');
  let header;
  let claims;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    throw new ApiError(401, 'AUTH_FAILED', 'malformed token');
  }
  if (header.alg !== 'HS256') throw new ApiError(401, 'AUTH_FAILED', 'algorithm not allowed');
  const expected = createHmac('sha256', secretKey).update(parts[0] + '.' + parts[1]).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError(401, 'AUTH_FAILED', 'bad signature');
  }
  const now = Date.now() / 1000;
  if (typeof claims.exp !== 'number' || claims.exp + 30 < now) throw new ApiError(401, 'AUTH_FAILED', 'token expired');
  if (typeof claims.nbf === 'number' && claims.nbf - 30 > now) throw new ApiError(401, 'AUTH_FAILED', 'token not yet valid');
  const scopes = claims.scope
    ? (Array.isArray(claims.scope) ? claims.scope : String(claims.scope).split(/\s+/)).filter(Boolean)
    : (ROLE_SCOPES[claims.role] ?? []);
  const restaurants = new Set();
  if (claims.restaurant_id) restaurants.add(String(claims.restaurant_id).toLowerCase());
  for (const r of claims.restaurant_ids ?? []) restaurants.add(String(r).toLowerCase());
  return {
    subject: claims.sub,
    role: claims.role,
    scopes: new Set(scopes),
    restaurants,
    anyRestaurant: claims.role === 'admin' || claims.role === 'super_admin',
  };
}

function restaurantOf(principal, requested) {
  if (requested == null) {
    if (principal.restaurants.size === 1) return principal.restaurants.values().next().value;
    throw new ApiError(400, 'INVALID_RESTAURANT', 'name the restaurant');
  }
  if (typeof requested !== 'string' || !UUID_RE.test(requested)) {
    throw new ApiError(400, 'INVALID_RESTAURANT', 'restaurantId must be a UUID');
  }
  const id = requested.toLowerCase();
  if (!principal.anyRestaurant && !principal.restaurants.has(id)) {
    throw new ApiError(403, 'PERMISSION_DENIED', 'not your restaurant');
  }
  return id;
}

function requireScope(principal, scope) {
  if (!principal.scopes.has(scope)) throw new ApiError(403, 'PERMISSION_DENIED', 'missing scope ' + scope);
}

// ---- orders -------------------------------------------------------------------------------

const TYPES = new Set(['dine-in', 'takeout', 'delivery', 'online', 'drive-thru', 'kiosk']);
const STATIONS = new Set(['kitchen', 'expo', 'bar', 'pos']);
const TRANSITIONS = {
  new: ['pending', 'confirmed', 'cancelled'],
  pending: ['confirmed', 'cancelled'],
  confirmed: ['preparing', 'cancelled'],
  preparing: ['ready', 'cancelled'],
  ready: ['picked-up', 'completed', 'cancelled'],
  'picked-up': ['completed'],
  completed: [],
  cancelled: [],
};
const orders = new Map(); // id -> order
const counters = new Map(); // restaurant|day -> last number
const money = (x) => Math.round(x * 100) / 100;

function validationError(field, why) {
  const e = new ApiError(400, 'VALIDATION_ERROR', 'invalid ' + field);
  e.details = { [field]: why };
  return e;
}

function createOrder(restaurantId, body, actor) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'INVALID_PAYLOAD', 'an object');
  if (!TYPES.has(body.type)) throw validationError('type', 'must be one of ' + [...TYPES]);
  if (!Array.isArray(body.items) || body.items.length === 0) throw validationError('items', 'at least one item');
  const items = body.items.map((item, i) => {
    if (typeof item?.name !== 'string' || item.name.length === 0) throw validationError(`items[${i}].name`, 'required');
    if (!Number.isInteger(item.quantity) || item.quantity < 1) throw validationError(`items[${i}].quantity`, 'whole number ≥ 1');
    if (typeof item.price !== 'number' || item.price < 0) throw validationError(`items[${i}].price`, 'number ≥ 0');
    if (item.station != null && !STATIONS.has(item.station)) throw validationError(`items[${i}].station`, 'unknown station');
    const out = { id: randomUUID(), name: item.name, quantity: item.quantity, price: money(item.price) };
    if (item.special_instructions != null) out.special_instructions = String(item.special_instructions);
    if (item.station != null) out.station = item.station;
    return out;
  });
  const subtotal = money(items.reduce((sum, it) => sum + it.price * it.quantity, 0));
  const tax = money(subtotal * TAX_RATE);
  const now = new Date();
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  const key = restaurantId + '|' + day;
  const n = (counters.get(key) ?? 0) + 1;
  counters.set(key, n);
  const at = now.toISOString();
  const order = {
    id: randomUUID(),
    restaurant_id: restaurantId,
    order_number: day + '-' + String(n).padStart(4, '0'),
    status: 'new',
    type: body.type,
  };
  if (body.table_number != null) order.table_number = String(body.table_number);
  if (body.customer_name != null) order.customer_name = String(body.customer_name);
  order.items = items;
  order.subtotal = subtotal;
  order.tax = tax;
  order.total = money(subtotal + tax);
  if (body.notes != null) order.notes = String(body.notes);
  order.created_at = at;
  order.updated_at = at;
  Object.defineProperty(order, 'history', { value: [{ to: 'new', at, actor }], enumerable: false });
  orders.set(order.id, order);
  return order;
}

function changeStatus(restaurantId, id, status, actor) {
  const order = orders.get(id);
  if (!order || order.restaurant_id !== restaurantId) throw new ApiError(404, 'ORDER_NOT_FOUND', 'no such order');
  if (!(status in TRANSITIONS)) throw validationError('status', 'unknown status');
  if (!TRANSITIONS[order.status].includes(status)) {
    throw new ApiError(409, 'INVALID_TRANSITION', `${order.status} → ${status} is not allowed`);
  }
  const previous = order.status;
  const at = new Date().toISOString();
  order.status = status;
  order.updated_at = at;
  order.history.push({ from: previous, to: status, at, actor });
  return { order, previous, at };
}

// ---- HTTP ---------------------------------------------------------------------------------

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
  });
  res.end(json);
}

function fail(res, e) {
  if (e instanceof ApiError) {
    const error = { code: e.code, message: e.message };
    if (e.details) error.details = e.details;
    send(res, e.status, { success: false, error });
  } else {
    console.error(e);
    send(res, 500, { success: false, error: { code: 'INTERNAL', message: 'internal error' } });
  }
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > 1_000_000) {
        reject(new ApiError(413, 'INVALID_PAYLOAD', 'body too large'));
        req.destroy();
      } else {
        chunks.push(c);
      }
    });
    req.on('end', () => {
      try {
        resolve(size === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new ApiError(400, 'INVALID_PAYLOAD', 'not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function principalOf(req) {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(header);
  return verify(m ? m[1].trim() : '');
}

function metrics(res, url) {
  if (url.searchParams.get('gc') === '1' && typeof globalThis.gc === 'function') globalThis.gc();
  const m = process.memoryUsage();
  const lines = [
    `nodejs_heap_used_bytes ${m.heapUsed}`,
    `nodejs_heap_total_bytes ${m.heapTotal}`,
    `nodejs_external_memory_bytes ${m.external}`,
    `nodejs_array_buffers_bytes ${m.arrayBuffers}`,
    `process_resident_memory_bytes ${m.rss}`,
    `socketio_connected ${io.engine.clientsCount}`,
    `orders_in_memory ${orders.size}`,
  ];
  res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
  res.end(lines.join('\n') + '\n');
}

const STATUS_ROUTE = /^\/api\/v1\/orders\/([^/]+)\/status$/;

async function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  try {
    if (req.method === 'GET' && url.pathname === '/health/live') return send(res, 200, { status: 'UP' });
    if (req.method === 'GET' && url.pathname === '/metrics') return metrics(res, url);
    if (req.method === 'POST' && url.pathname === '/api/v1/orders') {
      const principal = principalOf(req);
      requireScope(principal, 'orders:create');
      const restaurant = restaurantOf(principal, req.headers['x-restaurant-id']);
      const order = createOrder(restaurant, await readJson(req), principal.subject);
      io.to('restaurant:' + restaurant).emit('order:created', order);
      return send(res, 201, order);
    }
    const status = STATUS_ROUTE.exec(url.pathname);
    if (req.method === 'PATCH' && status) {
      const principal = principalOf(req);
      requireScope(principal, 'orders:status');
      const restaurant = restaurantOf(principal, req.headers['x-restaurant-id']);
      const body = await readJson(req);
      if (typeof body?.status !== 'string') throw validationError('status', 'required');
      const change = changeStatus(restaurant, status[1], body.status, principal.subject);
      io.to('restaurant:' + restaurant).emit('order:status_changed', {
        orderId: change.order.id,
        previousStatus: change.previous,
        status: change.order.status,
        timestamp: change.at,
        restaurant_id: restaurant,
      });
      if (change.order.status === 'cancelled') {
        io.to('restaurant:' + restaurant).emit('order:deleted', { orderId: change.order.id, timestamp: change.at });
      }
      return send(res, 200, change.order);
    }
    send(res, 404, { success: false, error: { code: 'NOT_FOUND', message: 'no such route' } });
  } catch (e) {
    fail(res, e);
  }
}

const http = createServer((req, res) => {
  handle(req, res);
});

// ---- Socket.IO ----------------------------------------------------------------------------

const io = new Server(http, {
  path: '/socket.io/',
  pingInterval: 25_000,
  pingTimeout: 20_000,
  maxHttpBufferSize: 1_000_000,
  perMessageDeflate: { threshold: 1024 },
  cors: { origin: '*' },
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
});

io.use((socket, next) => {
  try {
    const auth = socket.handshake.auth ?? {};
    let token = typeof auth.token === 'string' ? auth.token : null;
    const header = socket.handshake.headers.authorization;
    if (!token && header && /^bearer /i.test(header)) token = header.slice(7).trim();
    if (!token && typeof socket.handshake.query.token === 'string') token = socket.handshake.query.token;
    socket.data.principal = verify(token);
    next();
  } catch (e) {
    const err = new Error('AUTH_FAILED');
    err.data = { code: 'AUTH_FAILED', message: e.message };
    next(err);
  }
});

function reply(socket, ack, result) {
  if (typeof ack === 'function') ack(result);
  else if (!result.success) socket.emit('error', result);
}

io.on('connection', (socket) => {
  socket.emit('connection:status', { state: 'connected', recovered: socket.recovered, serverTime: new Date().toISOString() });
  socket.on('join:restaurant', (payload, ack) => {
    try {
      const requested = typeof payload === 'string' ? payload : payload?.restaurantId;
      const restaurant = restaurantOf(socket.data.principal, requested);
      const room = 'restaurant:' + restaurant;
      for (const r of socket.rooms) {
        if (r !== socket.id && r !== room && r.startsWith('restaurant:')) socket.leave(r);
      }
      socket.join(room);
      socket.data.restaurant = restaurant;
      reply(socket, ack, { success: true, data: { restaurantId: restaurant, room } });
    } catch (e) {
      const code = e instanceof ApiError ? e.code : 'INTERNAL';
      reply(socket, ack, { success: false, error: { code, message: e.message } });
    }
  });
});

http.listen(PORT, HOST, () => {
  console.log(`bench node server (socket.io 4.8.4) on http://${HOST}:${PORT}, pid ${process.pid}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    io.close();
    http.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
