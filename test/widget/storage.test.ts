// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from "vitest";
import type { OrderReference } from "../../server/contract/session.ts";
import { createStorage } from "../../widget/storage.ts";

const SITE = "site_8fKq2LmZ";
const OTHER_SITE = "site_Zz9yX8wV";
const ORDER: OrderReference = { source: "woocommerce", id: "727", key: "wc_order_58d2d042d1d" };
const OTHER_ORDER: OrderReference = { source: "woocommerce", id: "728", key: "wc_order_58d2d042d1d" };
const SECRET = "q3Jz0Yb9XcV8nM7lK6jH5gF4dS3aP2oI1uY0tR9eW8Q";

/** The one key the widget wrote, found by saving, so corrupt values can be put where it reads. */
function savedKey(): string {
  localStorage.clear();
  createStorage().save(SITE, ORDER, SECRET);
  expect(localStorage.length).toBe(1);
  const key = localStorage.key(0);
  if (key === null) throw new Error("nothing was saved");
  return key;
}

beforeEach(() => {
  localStorage.clear();
});

describe("createStorage with the browser's localStorage", () => {
  test("a saved secret loads back for the same site and order", () => {
    const storage = createStorage();
    storage.save(SITE, ORDER, SECRET);
    expect(storage.load(SITE, ORDER)).toBe(SECRET);
  });

  test("a secret saved by one widget instance loads in another (a refresh)", () => {
    createStorage().save(SITE, ORDER, SECRET);
    expect(createStorage().load(SITE, { ...ORDER })).toBe(SECRET);
  });

  test("it writes one entry, under the aquarium: prefix and the site, holding the secret and nothing else", () => {
    const key = savedKey();
    expect(key.startsWith(`aquarium:${SITE}:`)).toBe(true);
    expect(JSON.parse(localStorage.getItem(key) ?? "null")).toEqual({ secret: SECRET });
  });

  test("an entry of the earlier shape, session id beside the secret, still loads its secret", () => {
    const key = savedKey();
    localStorage.setItem(key, JSON.stringify({ id: "sess_4kTq9ZxW2mLp", secret: SECRET }));
    expect(createStorage().load(SITE, ORDER)).toBe(SECRET);
  });

  test("nothing saved loads null", () => {
    expect(createStorage().load(SITE, ORDER)).toBeNull();
  });

  test("another order of the same site loads null", () => {
    const storage = createStorage();
    storage.save(SITE, ORDER, SECRET);
    expect(storage.load(SITE, OTHER_ORDER)).toBeNull();
    expect(storage.load(SITE, { source: "stripe", checkoutSession: "cs_test_a1YS1URlnyQCN5fU" })).toBeNull();
  });

  test("the same order on another site loads null", () => {
    const storage = createStorage();
    storage.save(SITE, ORDER, SECRET);
    expect(storage.load(OTHER_SITE, ORDER)).toBeNull();
  });

  test("two orders keep their own secrets", () => {
    const storage = createStorage();
    const other = "A".repeat(43);
    storage.save(SITE, ORDER, SECRET);
    storage.save(SITE, OTHER_ORDER, other);
    expect(storage.load(SITE, ORDER)).toBe(SECRET);
    expect(storage.load(SITE, OTHER_ORDER)).toBe(other);
  });

  test("saving again for the same order replaces the secret", () => {
    const storage = createStorage();
    const newer = "B".repeat(43);
    storage.save(SITE, ORDER, SECRET);
    storage.save(SITE, ORDER, newer);
    expect(storage.load(SITE, ORDER)).toBe(newer);
    expect(localStorage.length).toBe(1);
  });

  test.each<[string, string]>([
    ["truncated JSON", '{"secret":"q3Jz0Yb9XcV8nM7lK6'],
    ["not JSON at all", "<html>nope</html>"],
    ["an empty string", ""],
  ])("corrupt JSON (%s) loads null", (_name, value) => {
    const key = savedKey();
    localStorage.setItem(key, value);
    expect(createStorage().load(SITE, ORDER)).toBeNull();
  });

  // The server refuses a claim whose secret is not 43 base64url characters (SessionSecret): a stored value
  // of another shape would silence the widget for this order, so it reads as nothing and a new one is made.
  test.each<[string, string]>([
    ["null", "null"],
    ["a number", "42"],
    ["a bare string", JSON.stringify(SECRET)],
    ["an array", JSON.stringify([SECRET])],
    ["an empty object", "{}"],
    ["a null secret", '{"secret":null}'],
    ["an object as secret", '{"secret":{"value":"x"}}'],
    ["a secret too short", JSON.stringify({ secret: SECRET.slice(1) })],
    ["a secret too long", JSON.stringify({ secret: `${SECRET}A` })],
    ["a secret with padding", JSON.stringify({ secret: `${SECRET.slice(1)}=` })],
    ["a secret in plain base64", JSON.stringify({ secret: `${SECRET.slice(1)}+` })],
  ])("JSON of the wrong shape (%s) loads null", (_name, value) => {
    const key = savedKey();
    localStorage.setItem(key, value);
    expect(createStorage().load(SITE, ORDER)).toBeNull();
  });
});

describe("createStorage when storage is missing or forbidden", () => {
  const throwing = {
    getItem(): string | null {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    },
    setItem(): void {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    },
  } as unknown as Storage;

  test("a storage whose getItem and setItem throw never throws, and loads null", () => {
    const storage = createStorage(() => throwing);
    expect(() => storage.save(SITE, ORDER, SECRET)).not.toThrow();
    expect(storage.load(SITE, ORDER)).toBeNull();
  });

  test("a storage whose very access throws (sandboxed frame) never throws, and loads null", () => {
    const storage = createStorage(() => {
      throw new DOMException("Access is denied for this document.", "SecurityError");
    });
    expect(() => storage.save(SITE, ORDER, SECRET)).not.toThrow();
    expect(storage.load(SITE, ORDER)).toBeNull();
  });

  test("no storage at all never throws, and loads null", () => {
    const storage = createStorage(() => undefined);
    expect(() => storage.save(SITE, ORDER, SECRET)).not.toThrow();
    expect(storage.load(SITE, ORDER)).toBeNull();
  });

  test("a storage that loses what it was given loads null", () => {
    const writes: string[] = [];
    const forgetful = {
      getItem: () => null,
      setItem: (key: string) => void writes.push(key),
    } as unknown as Storage;
    const storage = createStorage(() => forgetful);
    storage.save(SITE, ORDER, SECRET);
    expect(writes).toHaveLength(1);
    expect(storage.load(SITE, ORDER)).toBeNull();
  });
});
