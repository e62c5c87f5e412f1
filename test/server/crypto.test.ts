import { expect, test } from "vitest";
import { digestsEqual, safeEqual, sha256Hex } from "../../server/crypto.ts";

test("two SHA-256 digests are equal only when they are the same digest", () => {
  const key = sha256Hex("wc_order_58d2d042d1d");
  expect(digestsEqual(key, sha256Hex("wc_order_58d2d042d1d"))).toBe(true);
  expect(digestsEqual(key, sha256Hex("wc_order_58d2d042d1e"))).toBe(false);
  expect(digestsEqual(key, key.slice(0, 32))).toBe(false);
  expect(digestsEqual("", "")).toBe(false);
});

test("secrets of any length compare equal only when they are the same", () => {
  expect(safeEqual("a-token-of-some-length", "a-token-of-some-length")).toBe(true);
  expect(safeEqual("a-token-of-some-length", "a-token-of-some-lengtH")).toBe(false);
  expect(safeEqual("short", "a-token-of-some-length")).toBe(false);
});
