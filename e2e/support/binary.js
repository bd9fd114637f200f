// The binary payloads both sides agree on, and the digests the server reports for what it received.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";

/** Size of the large attachment: over the server's 1 KiB compression threshold. */
export const LARGE_BINARY_SIZE = 100_000;

/** Every byte value once: 0, 1, ..., 255. */
export function allBytes() {
  return Buffer.from(Array.from({ length: 256 }, (_, i) => i));
}

/** 255, 254, ..., 0. */
export function reversedBytes() {
  return Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i));
}

/** pattern[i] = (i * 31 + 7) & 0xFF, LARGE_BINARY_SIZE bytes. */
export function largePattern() {
  const bytes = Buffer.alloc(LARGE_BINARY_SIZE);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = (i * 31 + 7) & 0xff;
  }
  return bytes;
}

function isBinary(value) {
  return Buffer.isBuffer(value) || value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

function bytesOf(value) {
  if (value instanceof ArrayBuffer) {
    return Buffer.from(value);
  }
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * What the test application's `binary-digest` answers for these arguments: one
 * {path, size, sha256} per binary value, depth first, paths like "0.nested.1.large".
 */
export function digestsOf(args) {
  const out = [];
  const walk = (value, path) => {
    if (isBinary(value)) {
      const bytes = bytesOf(value);
      out.push({ path, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}.${i}`));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        walk(item, `${path}.${key}`);
      }
    }
  };
  args.forEach((arg, i) => walk(arg, String(i)));
  return out;
}

/** Checks, byte by byte, the sample the test application builds (TestApplication.binarySample). */
export function assertServerSample(sample) {
  assert.equal(sample.label, "binary-sample");
  assertBytes(sample.allBytes, allBytes(), "allBytes");
  assert.equal(sample.nested.length, 3);
  assertBytes(sample.nested[0], reversedBytes(), "nested[0]");
  assertBytes(sample.nested[1].large, largePattern(), "nested[1].large");
  assertBytes(sample.nested[2], Buffer.alloc(0), "nested[2] (empty)");
}

export function assertBytes(actual, expected, what) {
  assert.ok(Buffer.isBuffer(actual), `${what} arrives as a Buffer, got ${Object.prototype.toString.call(actual)}`);
  assert.equal(actual.length, expected.length, `${what}: length`);
  const firstDifference = actual.findIndex((byte, i) => byte !== expected[i]);
  assert.equal(firstDifference, -1, `${what}: first differing byte at index ${firstDifference}`);
}
