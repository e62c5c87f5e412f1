import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SessionResponse } from "../../server/contract/index.ts";
import { type TestApp, testApp } from "../support/app.ts";
import { BROWSER_SECRET, claim, ORDER_KEY, ORIGIN, paidOrder, seedShop } from "../support/shop.ts";

/**
 * Every public route, walked through bad input: each answer is a 4xx with the error envelope and the
 * privacy headers, never a 5xx, never a stack trace.
 */
describe("malformed input on every public route", () => {
  let harness: TestApp;
  let siteId: string;
  let session: { id: string; secret: string };
  let offerId: string;

  beforeAll(async () => {
    harness = await testApp("sqlite");
    const shop = await seedShop(harness);
    siteId = shop.siteId;
    offerId = shop.offers.tank;
    await harness.admin(`/sites/${siteId}/secrets/stripe`, {
      method: "POST",
      json: { secret: "whsec_testtesttest" },
    });
    await paidOrder(harness, siteId);
    const body = SessionResponse.parse(
      await (
        await claim(harness, { site: siteId, order: { source: "woocommerce", id: "727", key: ORDER_KEY } })
      ).json(),
    );
    session = { id: body.session.id, secret: BROWSER_SECRET };
  });
  afterAll(() => harness.dispose());

  const huge = JSON.stringify({ padding: "x".repeat(300 * 1024) });
  const json = { "content-type": "application/json", origin: ORIGIN };
  const ROUTE_NAMES = [
    "POST /v1/sessions",
    "POST /v1/sessions/:id/decisions",
    "POST /v1/hooks/woocommerce/:site",
    "POST /v1/hooks/stripe/:site",
    "POST /v1/hooks/orders/:site",
  ];
  // Built once the shop exists (the paths name its site and session).
  const routes = () => [
    { name: "POST /v1/sessions", path: "/v1/sessions", headers: json },
    {
      name: "POST /v1/sessions/:id/decisions",
      path: `/v1/sessions/${session.id}/decisions`,
      headers: {
        ...json,
        authorization: `Bearer ${session.secret}`,
        "idempotency-key": "key-malformed-0001",
      },
    },
    { name: "POST /v1/hooks/woocommerce/:site", path: `/v1/hooks/woocommerce/${siteId}`, headers: json },
    { name: "POST /v1/hooks/stripe/:site", path: `/v1/hooks/stripe/${siteId}`, headers: json },
    { name: "POST /v1/hooks/orders/:site", path: `/v1/hooks/orders/${siteId}`, headers: json },
  ];

  const inputs: [string, string, Record<string, string>?][] = [
    ["malformed JSON", "{ not json"],
    ["an empty body", ""],
    ["a JSON array", "[]"],
    ["a JSON string", '"hello"'],
    ["null", "null"],
    ["wrong types", JSON.stringify({ site: 42, order: "x", offer: [], action: 7, quantity: "2" })],
    [
      "unknown fields",
      JSON.stringify({
        site: "site_xxxxxxxxxxxx",
        order: { source: "stripe", checkoutSession: "cs_test_aaaaaaaaaaaa" },
        admin: true,
      }),
    ],
    ["a prototype-polluting body", '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}'],
    ["deep nesting", `${"[".repeat(5000)}${"]".repeat(5000)}`],
    ["a huge body", huge],
    ["a form body", "site=a&order=b", { "content-type": "application/x-www-form-urlencoded" }],
    [
      "bad or missing secrets and keys",
      JSON.stringify({ offer: "offer_xxxxxxxxxxxx", action: "accept" }),
      { authorization: "Bearer nope", "idempotency-key": "" },
    ],
    [
      "a forged signature",
      JSON.stringify({ id: 1 }),
      { "x-wc-webhook-signature": "AAAA", "stripe-signature": "t=1,v1=00", "webhook-signature": "v1,AAAA" },
    ],
  ];

  for (const input of inputs) {
    test.each(ROUTE_NAMES)(`%s answers ${input[0]} with a 4xx envelope`, async (name) => {
      const route = routes().find((r) => r.name === name);
      if (!route) throw new Error(name);
      const response = await harness.app.request(route.path, {
        method: "POST",
        headers: { ...route.headers, ...input[2] },
        body: input[1],
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      const body = await response.json();
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error).toEqual({
        code: expect.stringMatching(/^[a-z_]+$/),
        message: expect.any(String),
        ...(body.error.fields && { fields: expect.any(Object) }),
      });
      // In words a seller understands: never zod's own jargon.
      expect(JSON.stringify(body)).not.toMatch(/Too small|Too big|expected \w+ to|Invalid input/);
      expect(JSON.stringify(body)).not.toMatch(/\bat \w|node_modules|\.ts:\d/);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    });
  }

  test("nothing was decided, charged or stored by any of it", async () => {
    expect(
      (await harness.store.sessions.steps(session.id)).map((step) => [step.offerId, step.outcome]),
    ).toEqual([[offerId, null]]);
    expect(await harness.store.payments.list(siteId)).toEqual([]);
    expect(harness.logs.filter((line) => line.level === "error")).toEqual([]);
  });

  test("robots.txt disallows everything", async () => {
    const response = await harness.app.request("/robots.txt");
    expect(await response.text()).toBe("User-agent: *\nDisallow: /\n");
  });
});
