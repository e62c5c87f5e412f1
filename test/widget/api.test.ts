import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { OrderReference } from "../../server/contract/session.ts";
import { ApiError, createApi, type Fetch } from "../../widget/api.ts";
import { type TestApp, testApp } from "../support/app.ts";
import { ORDER_KEY, ORIGIN, paidOrder, seedShop } from "../support/shop.ts";

const BASE = "https://offers.example";
const ORDER: OrderReference = { source: "woocommerce", id: "727", key: ORDER_KEY };
/** This browser's secret, as the widget makes one: 43 base64url characters. */
const SECRET = "q3Jz0Yb9XcV8nM7lK6jH5gF4dS3aP2oI1uY0tR9eW8Q";
const OTHER_SECRET = "Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Ji0Hg9Fe8Dc7Ba6Zy5X";

interface Call {
  url: string;
  init: RequestInit;
  status?: number;
}

/** The real app as the browser's fetch, from the shop's page; every call recorded as the widget made it. */
function forward(harness: TestApp, calls: Call[] = []): Fetch {
  return async (url, init) => {
    const call: Call = { url, init };
    calls.push(call);
    const headers = new Headers(init.headers);
    headers.set("origin", ORIGIN);
    const response = await harness.app.request(url, { ...init, headers });
    call.status = response.status;
    return response;
  };
}

/** The rejection of a call, checked to be an ApiError. */
async function failure(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("createApi against the real server", () => {
  let harness: TestApp;
  let shop: Awaited<ReturnType<typeof seedShop>>;

  beforeEach(async () => {
    harness = await testApp("sqlite");
    shop = await seedShop(harness);
    await paidOrder(harness, shop.siteId);
  });
  afterEach(() => harness.dispose());

  test("a first claim with the browser's secret answers 201, a validated session without any secret, and the first offer", async () => {
    const calls: Call[] = [];
    const api = createApi(BASE, forward(harness, calls));
    const answer = await api.claim(shop.siteId, ORDER, SECRET);
    expect(calls.map((call) => call.status)).toEqual([201]);
    expect(answer.session.id).toMatch(/^sess_[A-Za-z0-9_-]{8,64}$/);
    expect(Object.keys(answer.session).sort()).toEqual(["expiresAt", "id"]);
    expect(answer.offer).toMatchObject({
      id: shop.offers.tank,
      product: shop.products.tank,
      regularPrice: 8900,
      price: 6675,
      currency: "USD",
      quantityMax: 2,
      step: 1,
    });
  });

  test("claiming again with the same secret resumes the same session (200)", async () => {
    const calls: Call[] = [];
    const api = createApi(BASE, forward(harness, calls));
    const first = await api.claim(shop.siteId, ORDER, SECRET);
    const again = await api.claim(shop.siteId, ORDER, SECRET);
    expect(calls.map((call) => call.status)).toEqual([201, 200]);
    expect(again.session.id).toBe(first.session.id);
    expect(again.offer?.id).toBe(shop.offers.tank);
  });

  test("claiming with another browser's secret rejects with not_found: the first claim wins", async () => {
    const api = createApi(BASE, forward(harness));
    await api.claim(shop.siteId, ORDER, SECRET);
    const error = await failure(api.claim(shop.siteId, ORDER, OTHER_SECRET));
    expect(error.code).toBe("not_found");
    expect(error.status).toBe(404);
  });

  test("deciding accept with the browser's secret answers a validated decision and the next offer", async () => {
    const api = createApi(BASE, forward(harness));
    const { session, offer } = await api.claim(shop.siteId, ORDER, SECRET);
    const answer = await api.decide(
      session.id,
      SECRET,
      { offer: offer?.id as string, action: "accept", quantity: 1 },
      "key-accept-0001",
    );
    expect(answer.decision).toMatchObject({
      offer: shop.offers.tank,
      action: "accept",
      status: "accepted",
      quantity: 1,
      amount: 6675,
      currency: "USD",
      payment: { provider: "demo", status: "paid" },
    });
    expect(answer.next).toMatchObject({ id: shop.offers.food, step: 2, price: 400 });
  });

  test.each<[string, () => [string, OrderReference]]>([
    ["an order the server does not know (yet)", () => [shop.siteId, { ...ORDER, id: "728" }]],
    ["the right order with a wrong key", () => [shop.siteId, { ...ORDER, key: "wc_order_wrongKey123" }]],
    ["an unknown site", () => ["site_0000000000", ORDER]],
  ])("a claim for %s rejects with not_found and its status, 404", async (_name, args) => {
    const api = createApi(BASE, forward(harness));
    const error = await failure(api.claim(...args(), SECRET));
    expect(error.code).toBe("not_found");
    expect(error.status).toBe(404);
    expect(error.details).toMatchObject({ error: { code: "not_found" } });
  });

  test("deciding twice with another idempotency key rejects with already_decided and the first decision", async () => {
    const api = createApi(BASE, forward(harness));
    const { session } = await api.claim(shop.siteId, ORDER, SECRET);
    const first = await api.decide(
      session.id,
      SECRET,
      { offer: shop.offers.tank, action: "accept" },
      "key-one-0001",
    );
    const error = await failure(
      api.decide(session.id, SECRET, { offer: shop.offers.tank, action: "decline" }, "key-two-0002"),
    );
    expect(error.code).toBe("already_decided");
    expect(error.status).toBe(409);
    expect(error.details).toMatchObject({ decision: { id: first.decision.id, status: "accepted" } });
  });

  test("deciding with a wrong secret rejects with the server's code", async () => {
    const api = createApi(BASE, forward(harness));
    const { session } = await api.claim(shop.siteId, ORDER, SECRET);
    const error = await failure(
      api.decide(session.id, OTHER_SECRET, { offer: shop.offers.tank, action: "accept" }, "key-bad-0001"),
    );
    expect(error.code).toBe("not_found");
  });

  test("a claim with a malformed secret is refused with invalid_request", async () => {
    const api = createApi(BASE, forward(harness));
    const error = await failure(api.claim(shop.siteId, ORDER, "not a secret"));
    expect(error.code).toBe("invalid_request");
    expect(error.status).toBe(400);
  });

  test("the claim request is POST JSON of site, order and secret, without credentials or referrer, with a timeout signal", async () => {
    const calls: Call[] = [];
    const api = createApi(BASE, forward(harness, calls));
    await api.claim(shop.siteId, ORDER, SECRET);
    expect(calls).toHaveLength(1);
    const [{ url, init }] = calls as [Call];
    expect(url).toBe(`${BASE}/v1/sessions`);
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("omit");
    expect(init.referrerPolicy).toBe("no-referrer");
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(init.signal?.aborted).toBe(false);
    const headers = new Headers(init.headers);
    expect(headers.get("content-type")).toBe("application/json");
    expect(headers.has("authorization")).toBe(false);
    expect(headers.has("idempotency-key")).toBe(false);
    expect(JSON.parse(String(init.body))).toEqual({ site: shop.siteId, order: ORDER, secret: SECRET });
  });

  test("the decide request carries the bearer secret and the idempotency key, besides the claim's options", async () => {
    const calls: Call[] = [];
    const api = createApi(BASE, forward(harness, calls));
    const { session } = await api.claim(shop.siteId, ORDER, SECRET);
    await api.decide(session.id, SECRET, { offer: shop.offers.tank, action: "decline" }, "key-decline-0001");
    expect(calls).toHaveLength(2);
    const { url, init } = calls[1] as Call;
    expect(url).toBe(`${BASE}/v1/sessions/${session.id}/decisions`);
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("omit");
    expect(init.referrerPolicy).toBe("no-referrer");
    expect(init.signal).toBeInstanceOf(AbortSignal);
    const headers = new Headers(init.headers);
    expect(headers.get("content-type")).toBe("application/json");
    expect(headers.get("authorization")).toBe(`Bearer ${SECRET}`);
    expect(headers.get("idempotency-key")).toBe("key-decline-0001");
    expect(JSON.parse(String(init.body))).toEqual({ offer: shop.offers.tank, action: "decline" });
  });

  test("a 201 answer whose offer breaks the contract (price 'free') rejects with invalid", async () => {
    const real = forward(harness);
    const tampered: Fetch = async (url, init) => {
      const body = (await (await real(url, init)).json()) as { offer: Record<string, unknown> };
      body.offer.price = "free";
      return Response.json(body, { status: 201 });
    };
    const error = await failure(createApi(BASE, tampered).claim(shop.siteId, ORDER, SECRET));
    expect(error.code).toBe("invalid");
  });
});

describe("createApi against a broken network or server", () => {
  const answering =
    (response: () => Response): Fetch =>
    async () =>
      response();
  const claim = (fetcher: Fetch) => createApi(BASE, fetcher).claim("site_8fKq2LmZ", ORDER, SECRET);

  test.each<[string, Fetch]>([
    [
      "a fetcher that throws",
      () => {
        throw new TypeError("fetch failed");
      },
    ],
    ["a fetcher that rejects", async () => Promise.reject(new TypeError("Failed to fetch"))],
    ["a fetcher that times out", async () => Promise.reject(new DOMException("timed out", "TimeoutError"))],
  ])("%s rejects with network and no status", async (_name, fetcher) => {
    const error = await failure(claim(fetcher));
    expect(error.code).toBe("network");
    expect(error.status).toBe(0);
  });

  const session = { id: "sess_4kTq9ZxW2mLp", expiresAt: "2026-11-22T12:30:00.000Z" };
  const offer = {
    id: "offer_abcdefgh",
    title: "The tank",
    description: "",
    image: null,
    product: "prod_abcdefgh",
    regularPrice: 8900,
    price: 6675,
    currency: "USD",
    quantityMax: 2,
    expiresAt: "2026-11-22T12:15:00.000Z",
    step: 1,
  };

  test("a well-formed 201 answer is accepted (the control for the cases below)", async () => {
    await expect(claim(answering(() => Response.json({ session, offer }, { status: 201 })))).resolves.toEqual(
      {
        session,
        offer,
      },
    );
  });

  test("the offer's discount terms, which the panel never shows, are left out of the answer it reads", async () => {
    const full = { ...offer, discount: { type: "percent", value: 25 } };
    await expect(claim(answering(() => Response.json({ session, offer: full })))).resolves.toEqual({
      session,
      offer,
    });
  });

  test.each<[string, () => Response]>([
    ["an offer priced 'free'", () => Response.json({ session, offer: { ...offer, price: "free" } })],
    ["a negative price", () => Response.json({ session, offer: { ...offer, price: -1 } })],
    ["a fractional price", () => Response.json({ session, offer: { ...offer, price: 66.75 } })],
    ["a lower-case currency", () => Response.json({ session, offer: { ...offer, currency: "usd" } })],
    ["a quantity of 0", () => Response.json({ session, offer: { ...offer, quantityMax: 0 } })],
    ["a fourth step", () => Response.json({ session, offer: { ...offer, step: 4 } })],
    ["a bad session id", () => Response.json({ session: { ...session, id: "../admin" }, offer })],
    ["no offer field", () => Response.json({ session })],
    [
      "an HTML page",
      () => new Response("<!doctype html><h1>Hello</h1>", { headers: { "content-type": "text/html" } }),
    ],
    ["an empty body", () => new Response(null, { status: 200 })],
    ["JSON null", () => Response.json(null)],
  ])("a 200 answer with %s rejects with invalid", async (_name, response) => {
    const error = await failure(claim(answering(response)));
    expect(error.code).toBe("invalid");
  });

  test.each<[string, () => Response, number]>([
    ["a 500 with a text body", () => new Response("Internal Server Error", { status: 500 }), 500],
    [
      "a 502 with an HTML page",
      () => new Response("<html><body>Bad Gateway</body></html>", { status: 502 }),
      502,
    ],
    [
      "a 500 with JSON that is not the envelope",
      () => Response.json({ message: "boom" }, { status: 500 }),
      500,
    ],
    [
      "a 500 with an envelope missing its message",
      () => Response.json({ error: { code: "internal" } }, { status: 500 }),
      500,
    ],
    ["a 404 with no body", () => new Response(null, { status: 404 }), 404],
  ])("%s rejects with invalid, keeping the status", async (_name, response, status) => {
    const error = await failure(claim(answering(response)));
    expect(error.code).toBe("invalid");
    expect(error.status).toBe(status);
  });

  test("an error answer in the envelope rejects with its code and status, and keeps the body", async () => {
    const body = { error: { code: "unavailable", message: "Try later." } };
    const error = await failure(claim(answering(() => Response.json(body, { status: 503 }))));
    expect(error.code).toBe("unavailable");
    expect(error.status).toBe(503);
    expect(error.details).toEqual(body);
  });
});
