// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from "vitest";
import type { OrderReference } from "../../server/contract/session.ts";
import { createStorage } from "../../widget/storage.ts";

const SITE = "site_8fKq2LmZ";
const OTHER_SITE = "site_Zz9yX8wV";
const ORDER: OrderReference = { source: "woocommerce", id: "727", key: "wc_order_58d2d042d1d" };
const OTHER_ORDER: OrderReference = { source: "woocommerce", id: "728", key: "wc_order_58d2d042d1d" };
const SAVED = { id: "sess_4kTq9ZxW2mLp", secret: "q3Jz0Yb9XcV8nM7lK6jH5gF4dS3aP2oI1uY0tR9eW8Q" };

/** The one key the widget wrote, found by saving, so corrupt values can be put where it reads. */
function savedKey(): string {
  localStorage.clear();
  createStorage().save(SITE, ORDER, SAVED);
  expect(localStorage.length).toBe(1);
  const key = localStorage.key(0);
  if (key === null) throw new Error("nothing was saved");
  return key;
}

beforeEach(() => {
  localStorage.clear();
});

describe("createStorage with the browser's localStorage", () => {
  test("a saved session loads back for the same site and order", () => {
    const storage = createStorage();
    storage.save(SITE, ORDER, SAVED);
    expect(storage.load(SITE, ORDER)).toEqual(SAVED);
  });

  test("a session saved by one widget instance loads in another (a refresh)", () => {
    createStorage().save(SITE, ORDER, SAVED);
    expect(createStorage().load(SITE, { ...ORDER })).toEqual(SAVED);
  });

  test("it writes one entry, under the aquarium: prefix and the site", () => {
    const key = savedKey();
    expect(key.startsWith(`aquarium:${SITE}:`)).toBe(true);
    expect(JSON.parse(localStorage.getItem(key) ?? "null")).toEqual(SAVED);
  });

  test("nothing saved loads null", () => {
    expect(createStorage().load(SITE, ORDER)).toBeNull();
  });

  test("another order of the same site loads null", () => {
    const storage = createStorage();
    storage.save(SITE, ORDER, SAVED);
    expect(storage.load(SITE, OTHER_ORDER)).toBeNull();
    expect(storage.load(SITE, { source: "stripe", checkoutSession: "cs_test_a1YS1URlnyQCN5fU" })).toBeNull();
  });

  test("the same order on another site loads null", () => {
    const storage = createStorage();
    storage.save(SITE, ORDER, SAVED);
    expect(storage.load(OTHER_SITE, ORDER)).toBeNull();
  });

  test("two orders keep their own sessions", () => {
    const storage = createStorage();
    const other = { id: "sess_9hGf8dSa7pOi", secret: "A".repeat(43) };
    storage.save(SITE, ORDER, SAVED);
    storage.save(SITE, OTHER_ORDER, other);
    expect(storage.load(SITE, ORDER)).toEqual(SAVED);
    expect(storage.load(SITE, OTHER_ORDER)).toEqual(other);
  });

  test("saving again for the same order replaces the session", () => {
    const storage = createStorage();
    const newer = { id: "sess_9hGf8dSa7pOi", secret: "B".repeat(43) };
    storage.save(SITE, ORDER, SAVED);
    storage.save(SITE, ORDER, newer);
    expect(storage.load(SITE, ORDER)).toEqual(newer);
    expect(localStorage.length).toBe(1);
  });

  test.each<[string, string]>([
    ["truncated JSON", '{"id":"sess_4kTq9ZxW2mLp","secr'],
    ["not JSON at all", "<html>nope</html>"],
    ["an empty string", ""],
  ])("corrupt JSON (%s) loads null", (_name, value) => {
    const key = savedKey();
    localStorage.setItem(key, value);
    expect(createStorage().load(SITE, ORDER)).toBeNull();
  });

  test.each<[string, string]>([
    ["null", "null"],
    ["a number", "42"],
    ["a string", '"sess_4kTq9ZxW2mLp"'],
    ["an array", '["sess_4kTq9ZxW2mLp","q3Jz0Yb9XcV8nM7lK6jH5gF4dS3aP2oI1uY0tR9eW8Q"]'],
    ["an empty object", "{}"],
    ["no secret", '{"id":"sess_4kTq9ZxW2mLp"}'],
    ["no id", '{"secret":"q3Jz0Yb9XcV8nM7lK6jH5gF4dS3aP2oI1uY0tR9eW8Q"}'],
    ["a numeric id", '{"id":4,"secret":"q3Jz0Yb9XcV8nM7lK6jH5gF4dS3aP2oI1uY0tR9eW8Q"}'],
    ["a null secret", '{"id":"sess_4kTq9ZxW2mLp","secret":null}'],
    ["an object as secret", '{"id":"sess_4kTq9ZxW2mLp","secret":{"value":"x"}}'],
  ])("JSON of the wrong shape (%s) loads null", (_name, value) => {
    const key = savedKey();
    localStorage.setItem(key, value);
    expect(createStorage().load(SITE, ORDER)).toBeNull();
  });

  // The server refuses a claim whose secret is not 43 base64url characters (SessionSecret), and the widget
  // sends the saved secret on every load: a stored value of the wrong format would silence it for this order.
  test("a saved secret that is not a session secret loads null", () => {
    const key = savedKey();
    localStorage.setItem(key, JSON.stringify({ id: "sess_4kTq9ZxW2mLp", secret: "not a secret" }));
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
    expect(() => storage.save(SITE, ORDER, SAVED)).not.toThrow();
    expect(storage.load(SITE, ORDER)).toBeNull();
  });

  test("a storage whose very access throws (sandboxed frame) never throws, and loads null", () => {
    const storage = createStorage(() => {
      throw new DOMException("Access is denied for this document.", "SecurityError");
    });
    expect(() => storage.save(SITE, ORDER, SAVED)).not.toThrow();
    expect(storage.load(SITE, ORDER)).toBeNull();
  });

  test("no storage at all never throws, and loads null", () => {
    const storage = createStorage(() => undefined);
    expect(() => storage.save(SITE, ORDER, SAVED)).not.toThrow();
    expect(storage.load(SITE, ORDER)).toBeNull();
  });

  test("a storage that loses what it was given loads null", () => {
    const writes: string[] = [];
    const forgetful = {
      getItem: () => null,
      setItem: (key: string) => void writes.push(key),
    } as unknown as Storage;
    const storage = createStorage(() => forgetful);
    storage.save(SITE, ORDER, SAVED);
    expect(writes).toHaveLength(1);
    expect(storage.load(SITE, ORDER)).toBeNull();
  });
});
