import { SignJWT } from "jose";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { SessionResponse } from "../../../server/contract/index.ts";
import { sha256Hex } from "../../../server/crypto.ts";
import { NO_PAYMENT } from "../../../server/domain.ts";
import { AppError } from "../../../server/errors.ts";
import { claim as claimUseCase } from "../../../server/sessions/claim.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import {
  BROWSER_SECRET,
  browserSecret,
  claim,
  ORDER_KEY,
  ORIGIN,
  paidOrder,
  seedShop,
} from "../../support/shop.ts";

describe.each(ENGINES)("claiming a session on %s", (engine) => {
  let harness: TestApp;
  let shop: Awaited<ReturnType<typeof seedShop>>;
  const woo = { source: "woocommerce", id: "727", key: ORDER_KEY };

  beforeEach(async () => {
    harness = await testApp(engine);
    shop = await seedShop(harness);
    await paidOrder(harness, shop.siteId);
  });
  afterEach(() => harness.dispose());

  test("the first browser's claim binds its session and gets the session's expiry and the offer, priced by the server, and no secret", async () => {
    const response = await claim(harness, { site: shop.siteId, order: woo });
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const text = await response.text();
    expect(text).not.toContain(BROWSER_SECRET);
    const body = SessionResponse.parse(JSON.parse(text));
    expect(Object.keys(body.session).sort()).toEqual(["expiresAt", "id"]);
    expect(body.session.expiresAt).toBe(new Date(harness.now - 60_000 + 30 * 60_000).toISOString());
    expect(body.offer).toMatchObject({
      id: shop.offers.tank,
      title: "The tank",
      regularPrice: 8900,
      price: 6675,
      currency: "USD",
      quantityMax: 2,
      step: 1,
    });
  });

  test("the browser's secret is stored only as its SHA-256 hash", async () => {
    const body = SessionResponse.parse(
      await (await claim(harness, { site: shop.siteId, order: woo })).json(),
    );
    const session = await harness.store.sessions.get(body.session.id);
    expect(session?.secretHash).toBe(sha256Hex(BROWSER_SECRET));
    expect(harness.logText()).not.toContain(BROWSER_SECRET);
  });

  test("the same browser resumes with its secret and gets the same session and offer", async () => {
    const first = SessionResponse.parse(
      await (await claim(harness, { site: shop.siteId, order: woo })).json(),
    );
    const again = await claim(harness, { site: shop.siteId, order: woo });
    expect(again.status).toBe(200);
    const body = SessionResponse.parse(await again.json());
    expect(body.session.id).toBe(first.session.id);
    expect(body.offer).toEqual(first.offer);
  });

  test("a first claim whose answer was lost is resumed by the next attempt with the same secret", async () => {
    // The browser gave up waiting, but the server did create the session: nothing was lost.
    const secret = browserSecret();
    const lost = await claim(harness, { site: shop.siteId, order: woo, secret });
    expect(lost.status).toBe(201);
    const retried = await claim(harness, { site: shop.siteId, order: woo, secret });
    expect(retried.status).toBe(200);
    expect(SessionResponse.parse(await retried.json()).session.id).toBe(
      SessionResponse.parse(await lost.json()).session.id,
    );
  });

  test.each([
    ["missing", undefined],
    ["42 characters", "A".repeat(42)],
    ["44 characters", "A".repeat(44)],
    ["not base64url", `${"A".repeat(42)}=`],
  ])("a claim whose secret is %s is refused as malformed (400), and binds nothing", async (_name, secret) => {
    const body: Record<string, unknown> = { site: shop.siteId, order: woo, secret };
    const response = await claim(harness, JSON.stringify(body));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_request" } });
    expect((await claim(harness, { site: shop.siteId, order: woo })).status).toBe(201);
  });

  test("CORS answers with Vary: Origin and no credentials", async () => {
    const response = await claim(harness, { site: shop.siteId, order: woo });
    expect(response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(response.headers.get("vary")).toMatch(/origin/i);
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    const preflight = await harness.app.request("/v1/sessions", {
      method: "OPTIONS",
      headers: {
        origin: ORIGIN,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
  });

  describe("each order source's reference claims its order", () => {
    const sign = (claims: Record<string, unknown>, secret: string, iat = Math.floor(harness.now / 1000)) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer(shop.siteId)
        .setSubject("T-100")
        .setIssuedAt(iat)
        .setExpirationTime(iat + 600)
        .sign(new TextEncoder().encode(secret));
    const tokenClaims = {
      currency: "USD",
      total: 600,
      lines: [{ product: "93", quantity: 2, unitPrice: 300 }],
    };

    test("a signed order token is verified, registered on first claim, and then bound to that browser", async () => {
      const token = await sign(tokenClaims, shop.secrets.token as string);
      const first = await claim(harness, { site: shop.siteId, order: { source: "token", token } });
      expect(first.status).toBe(201);
      expect(SessionResponse.parse(await first.json()).offer?.id).toBe(shop.offers.tank);
      expect(await harness.store.orders.find(shop.siteId, "token", "T-100")).toMatchObject({
        total: 600,
        status: "paid",
      });
      const other = await claim(harness, {
        site: shop.siteId,
        order: { source: "token", token },
        secret: browserSecret(),
      });
      expect(other.status).toBe(404);
    });

    test("a token signed with another secret, or too old, claims nothing", async () => {
      const forged = await sign(tokenClaims, "not-the-site-secret-at-all-0000000");
      expect(
        (await claim(harness, { site: shop.siteId, order: { source: "token", token: forged } })).status,
      ).toBe(404);
      const old = await sign(
        tokenClaims,
        shop.secrets.token as string,
        Math.floor(harness.now / 1000) - 3600,
      );
      expect(
        (await claim(harness, { site: shop.siteId, order: { source: "token", token: old } })).status,
      ).toBe(404);
      expect(await harness.store.orders.find(shop.siteId, "token", "T-100")).toBeNull();
    });

    test("a Stripe Checkout session id and a generic ref claim their orders", async () => {
      const base = {
        lines: [{ product: "93", quantity: 1, unitPrice: 300 }],
        total: 300,
        currency: "USD",
        emailHash: null,
        ...NO_PAYMENT,
      };
      const paid = { status: "paid" as const, paidAt: harness.now, sourceUpdatedAt: harness.now };
      await harness.store.orders.ingest(
        { siteId: shop.siteId, source: "stripe", deliveryId: "evt_1" },
        {
          siteId: shop.siteId,
          source: "stripe",
          externalId: "cs_test_a1YS1URlnyQCN5fU",
          keyHash: null,
          ...base,
          ...paid,
        },
        harness.now,
      );
      const ref = "r-0123456789abcdef0123";
      await harness.store.orders.ingest(
        { siteId: shop.siteId, source: "orders", deliveryId: "msg_1" },
        {
          siteId: shop.siteId,
          source: "orders",
          externalId: "G-1",
          keyHash: sha256Hex(ref),
          ...base,
          ...paid,
        },
        harness.now,
      );
      const stripe = await claim(harness, {
        site: shop.siteId,
        order: { source: "stripe", checkoutSession: "cs_test_a1YS1URlnyQCN5fU" },
      });
      expect(stripe.status).toBe(201);
      const generic = await claim(harness, { site: shop.siteId, order: { source: "ref", ref } });
      expect(generic.status).toBe(201);
    });
  });

  describe("every miss is the same 404", () => {
    // Each attempt is compared with an unknown site asked from the same origin: only the kind of miss differs.
    const misses: [string, (h: TestApp, s: typeof shop) => Promise<Response>, Record<string, string>?][] = [
      ["an unknown site", (h) => claim(h, { site: "site_unknownunknown", order: woo })],
      ["an unknown order", (h, s) => claim(h, { site: s.siteId, order: { ...woo, id: "728" } })],
      [
        "a wrong order key",
        (h, s) => claim(h, { site: s.siteId, order: { ...woo, key: "wc_order_guessedguess" } }),
      ],
      [
        "an origin the site does not allow",
        (h, s) => claim(h, { site: s.siteId, order: woo }, { origin: "https://evil.example" }),
        { origin: "https://evil.example" },
      ],
      ["no origin", (h, s) => claim(h, { site: s.siteId, order: woo }, { origin: "" }), { origin: "" }],
      [
        "an unknown Stripe session",
        (h, s) =>
          claim(h, {
            site: s.siteId,
            order: { source: "stripe", checkoutSession: "cs_test_unknownunknown" },
          }),
      ],
      [
        "an unknown generic ref",
        (h, s) => claim(h, { site: s.siteId, order: { source: "ref", ref: "r".repeat(32) } }),
      ],
      [
        "a forged order token",
        (h, s) =>
          claim(h, { site: s.siteId, order: { source: "token", token: "eyJhbGciOiJIUzI1NiJ9.e30.c2ln" } }),
      ],
      [
        "another browser, after the order was claimed",
        async (h, s) => {
          await claim(h, { site: s.siteId, order: woo });
          return claim(h, { site: s.siteId, order: woo, secret: browserSecret() });
        },
      ],
      [
        "another browser with a made-up secret",
        async (h, s) => {
          await claim(h, { site: s.siteId, order: woo });
          return claim(h, { site: s.siteId, order: woo, secret: "A".repeat(43) });
        },
      ],
      [
        "a closed offer window",
        async (h, s) => {
          h.now += 30 * 60_000;
          return claim(h, { site: s.siteId, order: woo });
        },
      ],
      [
        "a refunded order",
        async (h, s) => {
          await paidOrder(h, s.siteId, { status: "refunded", sourceUpdatedAt: h.now });
          return claim(h, { site: s.siteId, order: woo });
        },
      ],
    ];

    test.each(misses)("%s", async (_name, attempt, headers = {}) => {
      const reference = await claim(harness, { site: "site_unknownunknown", order: woo }, headers);
      const response = await attempt(harness, shop);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(await reference.text());
      const headersOf = (r: Response) => [...r.headers.entries()].filter(([name]) => name !== "date");
      expect(headersOf(response)).toEqual(headersOf(reference));
    });
  });

  describe("rate limits", () => {
    let limited: TestApp;
    let limitedShop: Awaited<ReturnType<typeof seedShop>>;
    beforeEach(async () => {
      limited = await testApp(engine, {
        limits: { claimsPerIp: 3, claimsPerRef: 20, claimsPerSite: 5 },
        env: { TRUST_PROXY: "true" },
      });
      limitedShop = await seedShop(limited);
    });
    afterEach(() => limited.dispose());
    const from = (ip: string) => ({ "x-forwarded-for": ip });
    const wooRef = (id: string) => ({ source: "woocommerce", id, key: ORDER_KEY });

    test("a client bringing more new order references than its limit gets 429 with Retry-After and the envelope", async () => {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let id = 1; id <= 5; id++) {
        last = await claim(
          limited,
          { site: limitedShop.siteId, order: wooRef(String(id)) },
          from("198.51.100.7"),
        );
        statuses.push(last.status);
      }
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
      expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await last?.json()).toMatchObject({ error: { code: "rate_limited" } });
      limited.now += 60_000;
      const after = await claim(
        limited,
        { site: limitedShop.siteId, order: wooRef("6") },
        from("198.51.100.7"),
      );
      expect(after.status).toBe(404);
    });

    test("a buyer's page retrying its one order for three minutes is never limited, and gets the offer once the webhook lands", async () => {
      // The widget's schedule: 1, 2, 3, 5, 8, 13 s, then every 15 s, up to 3 minutes after the page loaded.
      const delays = [1, 2, 3, 5, 8, 13, ...Array.from({ length: 10 }, () => 15)];
      const statuses: number[] = [];
      for (const delay of delays) {
        statuses.push(
          (await claim(limited, { site: limitedShop.siteId, order: woo }, from("203.0.113.9"))).status,
        );
        limited.now += delay * 1000;
      }
      expect(statuses.every((status) => status === 404)).toBe(true);
      await paidOrder(limited, limitedShop.siteId);
      const landed = await claim(limited, { site: limitedShop.siteId, order: woo }, from("203.0.113.9"));
      expect(landed.status).toBe(201);
    });

    test("a flood of bogus claims from many clients cannot keep a real buyer from the offer", async () => {
      await paidOrder(limited, limitedShop.siteId);
      for (let i = 0; i < 40; i++) {
        await claim(
          limited,
          { site: limitedShop.siteId, order: wooRef(String(1000 + i)) },
          from(`192.0.2.${i}`),
        );
      }
      // The site's budget for new pairs is spent: the buyer's first claim is refused, its retry never is.
      const first = await claim(limited, { site: limitedShop.siteId, order: woo }, from("203.0.113.50"));
      expect(first.status).toBe(429);
      const retry = await claim(limited, { site: limitedShop.siteId, order: woo }, from("203.0.113.50"));
      expect(retry.status).toBe(201);
      expect(SessionResponse.parse(await retry.json()).offer?.id).toBe(limitedShop.offers.tank);
    });

    test("one client hammering one order reference is limited for that pair only", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 22; i++) {
        statuses.push(
          (await claim(limited, { site: limitedShop.siteId, order: woo }, from("198.51.100.8"))).status,
        );
      }
      expect(statuses.slice(0, 20).every((status) => status === 404)).toBe(true);
      expect(statuses.slice(20)).toEqual([429, 429]);
      const other = await claim(
        limited,
        { site: limitedShop.siteId, order: wooRef("5") },
        from("198.51.100.8"),
      );
      expect(other.status).toBe(404);
    });
  });

  test("impressions are recorded once per offer shown", async () => {
    const first = SessionResponse.parse(
      await (await claim(harness, { site: shop.siteId, order: woo })).json(),
    );
    await claim(harness, { site: shop.siteId, order: woo });
    expect(await harness.store.sessions.steps(first.session.id)).toEqual([
      { offerId: shop.offers.tank, shown: first.offer, outcome: null },
    ]);
  });
});

/** The use case alone: plain data in, data or a domain error out, no HTTP anywhere. */
describe.each(ENGINES)("the claim use case, without a server, on %s", (engine) => {
  test("binds the browser's secret on the first claim, resumes with it, and refuses another with the miss", async () => {
    const harness = await testApp(engine);
    try {
      const shop = await seedShop(harness);
      await paidOrder(harness, shop.siteId);
      const deps = harness.useCases();
      const request = {
        site: shop.siteId,
        order: { source: "woocommerce" as const, id: "727", key: ORDER_KEY },
        secret: BROWSER_SECRET,
      };
      const first = await claimUseCase(deps, { request, origin: ORIGIN, now: harness.now });
      expect(first.created).toBe(true);
      expect(first.answer.offer?.id).toBe(shop.offers.tank);
      const again = await claimUseCase(deps, { request, origin: ORIGIN, now: harness.now });
      expect(again).toMatchObject({ created: false, answer: { session: { id: first.answer.session.id } } });
      const other = await claimUseCase(deps, {
        request: { ...request, secret: browserSecret() },
        origin: ORIGIN,
        now: harness.now,
      }).catch((error: unknown) => error);
      expect(other).toBeInstanceOf(AppError);
      expect(other).toMatchObject({ code: "not_found" });
    } finally {
      await harness.dispose();
    }
  });
});
