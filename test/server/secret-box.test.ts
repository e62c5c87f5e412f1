import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { secretBox } from "../../server/secret-box.ts";

const KEY = randomBytes(32);
const OLD = randomBytes(32);

describe("secrets sealed at rest", () => {
  test("a sealed secret opens to itself, and its stored form shows nothing of it", () => {
    const box = secretBox(KEY);
    const sealed = box.seal("whsec_the-sellers-own-secret");
    expect(sealed).toMatch(/^v1\.[\w-]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("the-sellers-own-secret");
    expect(box.open(sealed)).toBe("whsec_the-sellers-own-secret");
  });

  test("sealing the same secret twice gives two different values (a fresh IV each time)", () => {
    const box = secretBox(KEY);
    expect(box.seal("same")).not.toBe(box.seal("same"));
  });

  test("a tampered sealed value is refused, not opened to something else", () => {
    const box = secretBox(KEY);
    const sealed = box.seal("whsec_abc");
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3] as string, "base64url");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    parts[3] = flipped.toString("base64url");
    expect(() => box.open(parts.join("."))).toThrow();
  });

  test("after a rotation, the previous key still opens what it sealed, and only the new key counts as current", () => {
    const before = secretBox(OLD).seal("wc-secret");
    const rotated = secretBox(KEY, [OLD]);
    expect(rotated.open(before)).toBe("wc-secret");
    expect(rotated.isCurrent(before)).toBe(false);
    expect(rotated.isCurrent(rotated.seal("wc-secret"))).toBe(true);
  });

  test("a value sealed with a key the server does not have is refused with a message naming the settings", () => {
    expect(() => secretBox(KEY).open(secretBox(OLD).seal("x"))).toThrow(/SECRET_KEY.*SECRET_KEY_PREVIOUS/);
  });

  test("a value stored before secrets were sealed opens as it is (it is resealed at start-up)", () => {
    expect(secretBox(KEY).open("plain-old-secret")).toBe("plain-old-secret");
  });

  test("a key that is not 32 bytes is refused", () => {
    expect(() => secretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
