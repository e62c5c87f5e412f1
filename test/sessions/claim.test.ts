import { SignJWT } from "jose";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { SessionResponse } from "../../server/contract/index.ts";
import { sha256Hex } from "../../server/crypto.ts";
import { type TestApp, testApp } from "../support/app.ts";
import { ENGINES } from "../support/engines.ts";
import { claim, ORDER_KEY, ORIGIN, paidOrder, seedShop } from "../support/shop.ts";

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

  test("the first browser gets a secret, the session's expiry and the offer, priced by the server", async () => {
    const response = await claim(harness, { site: shop.siteId, order: woo });
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const body = SessionResponse.parse(await response.json());
    expect(body.session.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
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

  test("the secret is stored only as a hash", async () => {
    const body = SessionResponse.parse(
      await (await claim(harness, { site: shop.siteId, order: woo })).json(),
    );
    const session = await harness.store.sessions.get(body.session.id);
    expect(session?.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(session?.secretHash).not.toContain(body.session.secret as string);
  });

  test("the same browser resumes with its secret, gets the same offer and no new secret", async () => {
    const first = SessionResponse.parse(
      await (await claim(harness, { site: shop.siteId, order: woo })).json(),
    );
    const again = await claim(harness, { site: shop.siteId, order: woo, secret: first.session.secret });
    expect(again.status).toBe(200);
    const body = SessionResponse.parse(await again.json());
    expect(body.session.id).toBe(first.session.id);
    expect(body.session.secret).toBeUndefined();
    expect(body.offer?.id).toBe(first.offer?.id);
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
      const other = await claim(harness, { site: shop.siteId, order: { source: "token", token } });
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
          return claim(h, { site: s.siteId, order: woo });
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

  test("claims beyond the per-IP limit get 429 with Retry-After and the error envelope", async () => {
    const limited = await testApp(engine, { limits: { claimsPerIp: 3 } });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 5; i++) {
        last = await claim(limited, { site: "site_unknownunknown", order: woo });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
      expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await last?.json()).toMatchObject({ error: { code: "rate_limited" } });
      limited.now += 60_000;
      expect((await claim(limited, { site: "site_unknownunknown", order: woo })).status).toBe(404);
    } finally {
      await limited.dispose();
    }
  });

  test("impressions are recorded once per offer shown", async () => {
    const first = SessionResponse.parse(
      await (await claim(harness, { site: shop.siteId, order: woo })).json(),
    );
    await claim(harness, { site: shop.siteId, order: woo, secret: first.session.secret });
    expect(await harness.store.sessions.steps(first.session.id)).toEqual([
      { offerId: shop.offers.tank, action: null },
    ]);
  });
});
