import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A FAKE of the few Stripe endpoints Aquarium calls, for tests and the demo (Stripe's API cannot run here).
 * It speaks Stripe's wire format (form-encoded requests with bracketed keys, JSON answers, `Idempotency-Key`
 * replays, errors as `{ error: { type, code, decline_code, payment_intent } }`) to the official `stripe` SDK,
 * which the server points at it through STRIPE_API_URL. Objects are copies of the templates given (in tests,
 * Stripe's own fixtures from stripe/openapi) with their ids, amounts, states and links set here.
 *
 * Cards are Stripe's test payment methods, scripted: `pm_card_visa` succeeds, `pm_card_authenticationRequired`
 * needs the bank's confirmation, `pm_card_chargeDeclined` and `pm_card_chargeDeclinedInsufficientFunds` are
 * declined. Its "hosted pages" (the bank's confirmation, Checkout) are plain pages with one button.
 */

type StripeObject = Record<string, unknown> & { id: string };
export type Templates = Partial<
  Record<"payment_intent" | "checkout.session" | "charge" | "payment_method", object>
>;

export const CARDS = {
  succeeds: "pm_card_visa",
  authenticationRequired: "pm_card_authenticationRequired",
  declined: "pm_card_chargeDeclined",
  insufficientFunds: "pm_card_chargeDeclinedInsufficientFunds",
} as const;

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
const now = () => Math.floor(Date.now() / 1000);

/** `a[b][0][c]=1` as `{ a: { b: [{ c: "1" }] } }`: how Stripe's clients encode nested parameters. */
export function parseForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> = root;
    path.forEach((segment, index) => {
      if (index === path.length - 1) {
        node[segment] = value;
        return;
      }
      const next = path[index + 1] ?? "";
      node[segment] ??= /^\d+$/.test(next) ? [] : {};
      node = node[segment] as Record<string, unknown>;
    });
  }
  return root;
}

class StripeError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    super(String(body.message));
    this.status = status;
    this.body = body;
  }
}

export interface FakeStripe {
  /** `http://127.0.0.1:<port>`: STRIPE_API_URL, and the origin of the hosted pages. */
  url: string;
  /** The API keys this account answers to. */
  keys: Set<string>;
  objects: Map<string, StripeObject>;
  /** Every API call, as `METHOD /path`, with its idempotency key. */
  calls: { method: string; path: string; idempotencyKey: string | null; params: Record<string, unknown> }[];
  /** A completed, paid Checkout Session, as a front-end order; its card saved for later (off-session) or not. */
  paidCheckout(options: {
    amount: number;
    currency: string;
    card?: string;
    saved?: boolean;
    metadata?: Record<string, string>;
  }): StripeObject;
  /** An event as Stripe sends it, about `object`. */
  event(type: string, object: StripeObject): Record<string, unknown> & { id: string };
  /** Refunds `amount` of a PaymentIntent's charge: the charge, refunded, for a `charge.refunded` event. */
  refund(paymentIntent: string, amount: number): StripeObject;
  /** Called with every event the fake's own pages cause (a payment on the hosted Checkout, a 3-D Secure answer). */
  onEvent?: (event: Record<string, unknown>) => void | Promise<void>;
  close(): Promise<void>;
}

export async function fakeStripe(templates: Templates = {}, keys: string[] = []): Promise<FakeStripe> {
  const objects = new Map<string, StripeObject>();
  const accountKeys = new Set(keys);
  const replies = new Map<string, { status: number; body: string; params: string }>();
  const calls: FakeStripe["calls"] = [];
  let base = "";

  const make = (kind: keyof Templates, fields: Record<string, unknown> & { id: string }): StripeObject => {
    const made = {
      ...structuredClone(templates[kind] ?? {}),
      object: kind,
      livemode: false,
      created: now(),
      ...fields,
    };
    objects.set(made.id, made);
    return made;
  };
  const get = (objectId: string, prefix: string) => {
    const found = objects.get(objectId);
    if (!found || !objectId.startsWith(prefix)) {
      throw new StripeError(404, {
        type: "invalid_request_error",
        code: "resource_missing",
        message: `No such object: '${objectId}'`,
        param: "id",
      });
    }
    return found;
  };

  function paymentMethod(card: string, customer: string | null): StripeObject {
    const existing = objects.get(card);
    if (existing) return existing;
    return make("payment_method", { id: card, type: "card", customer });
  }

  /** Charges a PaymentIntent with its method, as the card is scripted to behave. */
  function attempt(intent: StripeObject, onSession: boolean, returnUrl?: string): StripeObject {
    const card = String(intent.payment_method);
    if (card === CARDS.declined || card === CARDS.insufficientFunds) {
      intent.status = "requires_payment_method";
      const code = card === CARDS.declined ? "generic_decline" : "insufficient_funds";
      intent.last_payment_error = {
        type: "card_error",
        code: "card_declined",
        decline_code: code,
        message: "Your card was declined.",
      };
      throw new StripeError(402, {
        type: "card_error",
        code: "card_declined",
        decline_code: code,
        message: "Your card was declined.",
        payment_intent: intent,
      });
    }
    if (card === CARDS.authenticationRequired && !intent.authenticated) {
      if (!onSession) {
        intent.status = "requires_payment_method";
        intent.last_payment_error = {
          type: "card_error",
          code: "authentication_required",
          decline_code: "authentication_required",
        };
        throw new StripeError(402, {
          type: "card_error",
          code: "authentication_required",
          decline_code: "authentication_required",
          message: "Your card was declined. This transaction requires authentication.",
          payment_intent: intent,
        });
      }
      intent.status = "requires_action";
      intent.next_action = {
        type: "redirect_to_url",
        redirect_to_url: { url: `${base}/fake/3ds/${intent.id}`, return_url: returnUrl ?? null },
      };
      return intent;
    }
    succeed(intent);
    return intent;
  }

  function succeed(intent: StripeObject): void {
    const charge = make("charge", {
      id: id("ch"),
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      refunded: false,
      captured: true,
      paid: true,
      status: "succeeded",
      currency: intent.currency,
      customer: intent.customer,
      payment_intent: intent.id,
      payment_method: intent.payment_method,
    });
    Object.assign(intent, {
      status: "succeeded",
      amount_received: intent.amount,
      latest_charge: charge.id,
      next_action: null,
      last_payment_error: null,
    });
  }

  const expanded = (object: StripeObject, expand: unknown): StripeObject => {
    const paths = Array.isArray(expand) ? expand.map(String) : [];
    const copy = structuredClone(object);
    for (const path of paths) {
      let node: Record<string, unknown> = copy;
      for (const field of path.split(".")) {
        const value = node[field];
        if (typeof value === "string" && objects.has(value))
          node[field] = structuredClone(objects.get(value));
        node = node[field] as Record<string, unknown>;
        if (!node || typeof node !== "object") break;
      }
    }
    return copy;
  };

  const api: Record<string, (params: Record<string, unknown>, match: RegExpMatchArray) => StripeObject> = {
    "GET /v1/checkout/sessions/(cs_[\\w]+)": (params, [, cs]) =>
      expanded(get(cs as string, "cs_"), params.expand),
    "GET /v1/payment_intents/(pi_[\\w]+)": (params, [, pi]) =>
      expanded(get(pi as string, "pi_"), params.expand),
    "GET /v1/payment_methods/(pm_[\\w]+)": (_params, [, pm]) => get(pm as string, "pm_"),
    "POST /v1/payment_intents": (params) => {
      const intent = make("payment_intent", {
        id: id("pi"),
        amount: Number(params.amount),
        currency: String(params.currency),
        customer: params.customer ?? null,
        payment_method: params.payment_method ?? null,
        description: params.description ?? null,
        metadata: params.metadata ?? {},
        status: "requires_confirmation",
        setup_future_usage: null,
        next_action: null,
        last_payment_error: null,
        latest_charge: null,
        amount_received: 0,
        client_secret: `${id("pi")}_secret_${id("x")}`,
        confirmation_method: "automatic",
        capture_method: "automatic",
        payment_method_types: ["card"],
      });
      intent.client_secret = `${intent.id}_secret_${randomBytes(8).toString("hex")}`;
      if (params.confirm === "true")
        attempt(intent, params.off_session !== "true", params.return_url as string | undefined);
      return intent;
    },
    "POST /v1/payment_intents/(pi_[\\w]+)/confirm": (params, [, pi]) => {
      const intent = get(pi as string, "pi_");
      if (params.payment_method) intent.payment_method = params.payment_method;
      return attempt(intent, params.off_session !== "true", params.return_url as string | undefined);
    },
    "POST /v1/checkout/sessions": (params) => {
      const lines = (params.line_items as Record<string, Record<string, Record<string, unknown>>>[]) ?? [];
      const total = lines.reduce(
        (sum, line) => sum + Number(line.price_data?.unit_amount ?? 0) * Number(line.quantity ?? 1),
        0,
      );
      const session = make("checkout.session", {
        id: id("cs_test"),
        mode: "payment",
        status: "open",
        payment_status: "unpaid",
        amount_subtotal: total,
        amount_total: total,
        currency: String(lines[0]?.price_data?.currency ?? "usd"),
        customer: params.customer ?? null,
        metadata: params.metadata ?? {},
        payment_intent: null,
        payment_link: null,
        success_url: params.success_url,
        cancel_url: params.cancel_url ?? null,
        expires_at: Number(params.expires_at ?? now() + 86_400),
        line_items_requested: lines,
        payment_intent_metadata: (params.payment_intent_data as Record<string, unknown>)?.metadata ?? {},
      });
      session.url = `${base}/fake/checkout/${session.id}`;
      return session;
    },
  };

  async function answerApi(
    request: IncomingMessage,
    body: string,
  ): Promise<{ status: number; body: string }> {
    const url = new URL(request.url ?? "/", base);
    const key = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "";
    const params = request.method === "GET" ? parseForm(url.search.slice(1)) : parseForm(body);
    const idempotencyKey = (request.headers["idempotency-key"] as string | undefined) ?? null;
    calls.push({ method: request.method ?? "", path: url.pathname, idempotencyKey, params });
    if (!accountKeys.has(key)) {
      return {
        status: 401,
        body: JSON.stringify({
          error: { type: "invalid_request_error", message: "Invalid API Key provided" },
        }),
      };
    }
    const replayKey = idempotencyKey && `${key}|${request.method} ${url.pathname}|${idempotencyKey}`;
    const earlier = replayKey ? replies.get(replayKey) : undefined;
    if (earlier) {
      if (earlier.params !== body) {
        return {
          status: 400,
          body: JSON.stringify({
            error: {
              type: "idempotency_error",
              message:
                "Keys for idempotent requests can only be used with the same parameters they were first used with.",
            },
          }),
        };
      }
      return earlier;
    }
    let reply: { status: number; body: string };
    try {
      const route = Object.keys(api).find((pattern) =>
        new RegExp(`^${pattern}$`).test(`${request.method} ${url.pathname}`),
      );
      if (!route)
        throw new StripeError(404, {
          type: "invalid_request_error",
          message: `Unrecognized request URL (${request.method}: ${url.pathname})`,
        });
      const match = `${request.method} ${url.pathname}`.match(new RegExp(`^${route}$`)) as RegExpMatchArray;
      reply = {
        status: 200,
        body: JSON.stringify(
          (api[route] as (p: typeof params, m: RegExpMatchArray) => StripeObject)(params, match),
        ),
      };
    } catch (error) {
      if (!(error instanceof StripeError)) throw error;
      reply = { status: error.status, body: JSON.stringify({ error: error.body }) };
    }
    if (replayKey && request.method === "POST") replies.set(replayKey, { ...reply, params: body });
    return reply;
  }

  const page = (title: string, action: string, buttons: string) =>
    `<!doctype html><html><head><title>${title}</title></head><body><p><strong>Stand-in for Stripe (a fake, for tests and the demo)</strong></p><h1>${title}</h1><form method="post" action="${action}">${buttons}</form></body></html>`;

  async function hosted(request: IncomingMessage, response: ServerResponse, body: string): Promise<boolean> {
    const url = new URL(request.url ?? "/", base);
    const threeDs = /^\/fake\/3ds\/(pi_\w+)$/.exec(url.pathname);
    if (threeDs) {
      const intent = get(threeDs[1] as string, "pi_");
      const returnUrl = String(
        (intent.next_action as { redirect_to_url?: { return_url?: string } })?.redirect_to_url?.return_url ??
          "",
      );
      if (request.method === "GET") {
        response
          .writeHead(200, { "content-type": "text/html" })
          .end(
            page(
              "Confirm your payment with your bank",
              url.pathname,
              '<button name="answer" value="approve">Complete authentication</button> <button name="answer" value="fail">Fail authentication</button>',
            ),
          );
        return true;
      }
      if (parseForm(body).answer === "approve") {
        intent.authenticated = true;
        succeed(intent);
        await fakeStripe.emit(self, "payment_intent.succeeded", intent);
      } else {
        Object.assign(intent, {
          status: "requires_payment_method",
          next_action: null,
          last_payment_error: { type: "card_error", code: "payment_intent_authentication_failure" },
        });
        await fakeStripe.emit(self, "payment_intent.payment_failed", intent);
      }
      const back = new URL(returnUrl);
      back.searchParams.set("payment_intent", intent.id);
      response.writeHead(303, { location: back.toString() }).end();
      return true;
    }
    const checkout = /^\/fake\/checkout\/(cs_test_\w+)$/.exec(url.pathname);
    if (checkout) {
      const session = get(checkout[1] as string, "cs_");
      if (request.method === "GET") {
        const amount = `${(Number(session.amount_total) / 100).toFixed(2)} ${String(session.currency).toUpperCase()}`;
        response
          .writeHead(200, { "content-type": "text/html" })
          .end(page(`Pay ${amount}`, url.pathname, '<button name="answer" value="pay">Pay</button>'));
        return true;
      }
      const intent = make("payment_intent", {
        id: id("pi"),
        amount: session.amount_total,
        currency: session.currency,
        customer: session.customer,
        payment_method: CARDS.succeeds,
        metadata: session.payment_intent_metadata ?? {},
        status: "processing",
      });
      succeed(intent);
      Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: intent.id });
      await fakeStripe.emit(self, "checkout.session.completed", session);
      response.writeHead(303, { location: String(session.success_url) }).end();
      return true;
    }
    return false;
  }

  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", async () => {
      try {
        if (await hosted(request, response, body)) return;
        const reply = await answerApi(request, body);
        response
          .writeHead(reply.status, { "content-type": "application/json", "request-id": id("req") })
          .end(reply.body);
      } catch (error) {
        if (error instanceof StripeError) {
          response
            .writeHead(error.status, { "content-type": "application/json" })
            .end(JSON.stringify({ error: error.body }));
          return;
        }
        response.writeHead(500).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const self: FakeStripe = {
    url: base,
    keys: accountKeys,
    objects,
    calls,
    paidCheckout({ amount, currency, card = CARDS.succeeds, saved = false, metadata = {} }) {
      const customer = id("cus");
      paymentMethod(card, saved ? customer : null);
      const intent = make("payment_intent", {
        id: id("pi"),
        amount,
        currency,
        customer,
        payment_method: card,
        setup_future_usage: saved ? "off_session" : null,
        status: "processing",
        metadata: {},
      });
      succeed(intent);
      return make("checkout.session", {
        id: id("cs_test"),
        mode: "payment",
        status: "complete",
        payment_status: "paid",
        amount_subtotal: amount,
        amount_total: amount,
        currency,
        customer,
        payment_intent: intent.id,
        payment_link: null,
        metadata,
        customer_details: { email: "buyer@example.com" },
        url: null,
      });
    },
    event(type, object) {
      return {
        id: id("evt"),
        object: "event",
        api_version: "2025-01-27.acacia",
        created: now(),
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
        data: { object: structuredClone(object) },
      };
    },
    refund(paymentIntent, amount) {
      const intent = get(paymentIntent, "pi_");
      const charge = get(String(intent.latest_charge), "ch_");
      charge.amount_refunded = Number(charge.amount_refunded) + amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      return charge;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return self;
}

/** Hands an event the fake caused to whoever listens (a test, the demo's webhook sender). */
fakeStripe.emit = async (fake: FakeStripe, type: string, object: StripeObject) => {
  await fake.onEvent?.(fake.event(type, object));
};
