import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { SiteInput } from "../../../server/contract/index.ts";
import {
  CLAIMS_KEPT_PER_ORIGIN,
  CLAIMS_KEPT_PER_SITE,
  type ClaimEntry,
  HOOKS_KEPT,
  type HookEntry,
  RECORDS_PER_MINUTE,
} from "../../../server/store/cockpit-log.ts";
import { ENGINES, freshStore } from "../../support/engines.ts";

type Fresh = Awaited<ReturnType<typeof freshStore>>;

describe.each(ENGINES)("the cockpit's logs on %s", (engine) => {
  let store: Fresh;
  let siteId: string;
  const start = Date.UTC(2026, 10, 22, 12, 0, 0);

  beforeEach(async () => {
    store = await freshStore(engine);
    siteId = (await store.sites.create({ ...SITE, name: "Fish shop" }, {}, start)).id;
  });
  afterEach(() => store.dispose());

  const hook = (at: number, overrides: Partial<HookEntry> = {}): HookEntry => ({
    siteId,
    source: "woocommerce",
    outcome: "stored",
    order: String(at),
    test: false,
    at,
    ...overrides,
  });
  const claim = (at: number, overrides: Partial<ClaimEntry> = {}): ClaimEntry => ({
    siteId,
    origin: "https://fish.example",
    outcome: "offer",
    reference: "woocommerce",
    order: "727",
    test: false,
    at,
    ...overrides,
  });

  test("what is recorded is read back, newest first, once flushed (a read flushes first)", async () => {
    store.cockpit.recordHook(hook(start, { unknownSkus: ["GUPPY-3"], outcome: "unknown_products" }));
    store.cockpit.recordHook(hook(start + 1, { source: "stripe", outcome: "bad_signature", order: null }));
    store.cockpit.recordClaim(claim(start, { origin: null, outcome: "origin_refused", test: true }));
    expect(await store.cockpit.hooks(siteId)).toEqual([
      {
        source: "stripe",
        outcome: "bad_signature",
        order: null,
        unknownSkus: [],
        test: false,
        at: start + 1,
      },
      {
        source: "woocommerce",
        outcome: "unknown_products",
        order: String(start),
        unknownSkus: ["GUPPY-3"],
        test: false,
        at: start,
      },
    ]);
    expect(await store.cockpit.claims(siteId)).toEqual([
      {
        origin: null,
        outcome: "origin_refused",
        reference: "woocommerce",
        order: "727",
        test: true,
        at: start,
      },
    ]);
  });

  test("reads made at once each see every record made before them (the second waits for the first's flush)", async () => {
    store.cockpit.recordHook(hook(start));
    store.cockpit.recordClaim(claim(start));
    const [hooks, claims] = await Promise.all([store.cockpit.hooks(siteId), store.cockpit.claims(siteId)]);
    expect([hooks.length, claims.length]).toEqual([1, 1]);
  });

  test(`at most ${RECORDS_PER_MINUTE} records a minute per site and log are kept; the next minute starts afresh`, async () => {
    for (let i = 0; i < RECORDS_PER_MINUTE + 30; i += 1) store.cockpit.recordClaim(claim(start + i));
    store.cockpit.recordClaim(claim(start + 60_000));
    store.cockpit.recordHook(hook(start));
    expect(await store.cockpit.claims(siteId)).toHaveLength(RECORDS_PER_MINUTE + 1);
    expect(await store.cockpit.hooks(siteId)).toHaveLength(1);
  });

  test(`the sweep keeps the newest ${HOOKS_KEPT} deliveries per platform and ${CLAIMS_KEPT_PER_ORIGIN} claims per origin, ${CLAIMS_KEPT_PER_SITE} per site`, async () => {
    // Recorded over many minutes, so that the rate bound keeps them all.
    for (let i = 0; i < HOOKS_KEPT + 5; i += 1) {
      store.cockpit.recordHook(hook(start + i * 60_000));
      if (i < 3) store.cockpit.recordHook(hook(start + i * 60_000 + 1, { source: "stripe" }));
    }
    for (let i = 0; i < CLAIMS_KEPT_PER_SITE + 40; i += 1) {
      // Origin 0 takes 70 claims (over its bound); the rest go 4 each to many more origins.
      const origin = i < 70 ? "https://fish.example" : `https://o${Math.floor(i / 4)}.example`;
      store.cockpit.recordClaim(claim(start + i * 60_000, { origin }));
    }
    await store.cockpit.flush();
    const gone = await store.cockpit.prune();

    const hooks = await store.cockpit.hooks(siteId);
    const woo = hooks.filter((entry) => entry.source === "woocommerce");
    expect(woo).toHaveLength(HOOKS_KEPT);
    expect(woo.at(-1)?.at).toBe(start + 5 * 60_000);
    expect(hooks.filter((entry) => entry.source === "stripe")).toHaveLength(3);

    const claims = await store.cockpit.claims(siteId);
    // The site's 300 newest claims stay: the first origin's 70 lose their 40 oldest to that bound (its own
    // bound of 50 would have taken 20); the newest claim of all is there.
    expect(claims).toHaveLength(CLAIMS_KEPT_PER_SITE);
    expect(claims.filter((entry) => entry.origin === "https://fish.example")).toHaveLength(30);
    expect(claims[0]?.at).toBe(start + (CLAIMS_KEPT_PER_SITE + 39) * 60_000);
    expect(gone).toBe(5 + 40);
  });

  test(`one origin keeps its newest ${CLAIMS_KEPT_PER_ORIGIN} claims, whatever the others do`, async () => {
    for (let i = 0; i < CLAIMS_KEPT_PER_ORIGIN + 10; i += 1)
      store.cockpit.recordClaim(claim(start + i * 60_000));
    store.cockpit.recordClaim(claim(start, { origin: "https://www.fish.example" }));
    expect(await store.cockpit.prune()).toBe(10);
    const claims = await store.cockpit.claims(siteId);
    expect(claims.filter((entry) => entry.origin === "https://fish.example").at(-1)?.at).toBe(
      start + 10 * 60_000,
    );
    expect(claims.filter((entry) => entry.origin === "https://www.fish.example")).toHaveLength(1);
  });

  test("a site's records go with the site, and records of a site deleted before the flush are dropped", async () => {
    store.cockpit.recordHook(hook(start));
    await store.cockpit.flush();
    const other = (await store.sites.create({ ...SITE, name: "Other" }, {}, start)).id;
    store.cockpit.recordClaim(claim(start, { siteId: other }));
    await store.sites.remove(other);
    await expect(store.cockpit.flush()).rejects.toThrow();
    // The batch that failed is not tried again for ever.
    await store.cockpit.flush();
    expect(await store.cockpit.claims(other)).toEqual([]);
    expect(await store.cockpit.hooks(siteId)).toHaveLength(1);
    await store.sites.remove(siteId);
    expect(await store.cockpit.hooks(siteId)).toEqual([]);
  });
});

const SITE = SiteInput.parse({ name: "Fish shop", allowedOrigins: ["https://fish.example"] });
