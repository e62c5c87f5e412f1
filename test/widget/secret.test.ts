import { afterEach, describe, expect, test, vi } from "vitest";
import { SessionSecret } from "../../server/contract/ids.ts";
import { base64url, randomText } from "../../widget/secret.ts";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("base64url", () => {
  test("agrees with Node's encoder for every length from 0 to 40 bytes", () => {
    for (let length = 0; length <= 40; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      expect(base64url(bytes)).toBe(Buffer.from(bytes).toString("base64url"));
    }
  });

  test("agrees with Node's encoder on all zeros and all ones, where the bits at the edges show", () => {
    for (const fill of [0, 255]) {
      const bytes = new Uint8Array(32).fill(fill);
      expect(base64url(bytes)).toBe(Buffer.from(bytes).toString("base64url"));
    }
  });

  test("does not use btoa or String.fromCharCode, which a page may have replaced", () => {
    const bytes = new Uint8Array([251, 255, 191, 0, 1, 2]);
    const expected = Buffer.from(bytes).toString("base64url");
    vi.stubGlobal("btoa", () => "tampered");
    vi.spyOn(String, "fromCharCode").mockImplementation(() => "x");
    expect(base64url(bytes)).toBe(expected);
  });
});

describe("randomText", () => {
  test("32 bytes make a session secret as the contract has it: 43 base64url characters, no padding", () => {
    const secret = randomText(32);
    expect(secret).toHaveLength(43);
    expect(SessionSecret.safeParse(secret).success).toBe(true);
  });

  test("its bytes come from Web Crypto, 32 of them for a secret", () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    const lengths: number[] = [];
    vi.spyOn(crypto, "getRandomValues").mockImplementation((array) => {
      lengths.push((array as Uint8Array).length);
      (array as Uint8Array).set(bytes);
      return array;
    });
    expect(randomText(32)).toBe(Buffer.from(bytes).toString("base64url"));
    expect(lengths).toEqual([32]);
  });

  test("a hundred draws are a hundred different secrets", () => {
    expect(new Set(Array.from({ length: 100 }, () => randomText(32))).size).toBe(100);
  });
});
