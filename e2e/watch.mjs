// Prints every event a restaurant's screen receives, one line each, and how many of each on Ctrl-C.
//   TOKEN=<jwt> node e2e/watch.mjs [url] [restaurantId] [station]
// With a station (kitchen, bar, expo, pos) it watches as that station's screen: `join:station` instead of
// `join:restaurant`, so it also gets the kitchen alerts meant for that station only.
import { io } from "socket.io-client";

const url = process.argv[2] ?? "http://localhost:3001";
const restaurantId = process.argv[3] ?? "11111111-1111-1111-1111-111111111111";
const station = process.argv[4];
const seen = {};

const socket = io(url, { auth: { token: process.env.TOKEN } });
socket.on("connect", () => {
  const [event, payload] = station ? ["join:station", { restaurantId, station }] : ["join:restaurant", restaurantId];
  socket.emit(event, payload, (reply) => console.log(event, JSON.stringify(reply)));
});
socket.on("connect_error", (err) => {
  console.error("connect_error", err.message, JSON.stringify(err.data));
  if (!socket.active) process.exit(1); // refused by the server (AUTH_FAILED): no retry
});
socket.onAny((event, data) => {
  seen[event] = (seen[event] ?? 0) + 1;
  console.log(event, JSON.stringify(data));
});
process.on("SIGINT", () => {
  console.log("events received:", seen);
  process.exit(0);
});
