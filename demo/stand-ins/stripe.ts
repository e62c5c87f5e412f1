import { randomBytes } from "node:crypto";

/**
 * A STAND-IN for the few Stripe endpoints Aquarium calls: the demo's Stripe (no account, no internet, no real
 * money) and the tests' fake one (Stripe's API cannot run there). It speaks Stripe's wire format (form-encoded
 * requests with bracketed keys, JSON answers, `Idempotency-Key` replays, errors as
 * `{ error: { type, code, decline_code, payment_intent } }`) to the official `stripe` SDK, which the server points
 * at it through STRIPE_API_URL. Objects are copies of the templates given (in tests, Stripe's own fixtures from
 * stripe/openapi) with their ids, amounts, states and links set here. Mounted only by the demo (demo/run.ts) and
 * the tests: `npm start` never serves it.
 *
 * Cards are Stripe's test payment methods, scripted: `pm_card_visa` succeeds, `pm_card_authenticationRequired`
 * needs the bank's confirmation, `pm_card_chargeDeclined` and `pm_card_chargeDeclinedInsufficientFunds` are
 * declined. Its hosted pages (the bank's confirmation, Checkout) are in stripe-pages.ts.
 */

export type StripeObject = Record<string, unknown> & { id: string };
export type Templates = Partial<
  Record<"payment_intent" | "checkout.session" | "charge" | "payment_method", object>
>;
export type StripeEvent = Record<string, unknown> & { id: string; type: string };

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

/** An error as Stripe answers it: its HTTP status, and the body's `error`. */
export class StripeError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    super(String(body.message));
    this.status = status;
    this.body = body;
  }
}

const answer = ({ status, body }: { status: number; body: string }) =>
  new Response(body, { status, headers: { "content-type": "application/json", "request-id": id("req") } });
const json = (status: number, body: unknown) => answer({ status, body: JSON.stringify(body) });

export interface StripeStandIn {
  /** The API keys this account answers to. */
  keys: Set<string>;
  objects: Map<string, StripeObject>;
  /** Every API call, as `METHOD /path`, with its idempotency key. */
  calls: { method: string; path: string; idempotencyKey: string | null; params: Record<string, unknown> }[];
  /** Where its hosted pages are served (stripe-pages.ts), as browsers reach them: set by whoever serves them. */
  pagesUrl: string;
  /** Stripe's API (`/v1/…`), as the SDK calls it. */
  api(request: Request): Promise<Response>;
  /** A Checkout Session the buyer has paid, as a front-end order; its card saved for later (off-session) or not. */
  paidCheckout(options: {
    amount: number;
    currency: string;
    card?: string;
    saved?: boolean;
    metadata?: Record<string, string>;
    email?: string;
  }): StripeObject;
  /** An event as Stripe sends it, about `object`. */
  event(type: string, object: StripeObject): StripeEvent;
  /** Refunds `amount` of a PaymentIntent's charge: the charge, refunded, for a `charge.refunded` event. */
  refund(paymentIntent: string, amount: number): StripeObject;
  /** The bank's answer on its confirmation page: the PaymentIntent succeeds or fails (and Stripe says so). */
  authenticate(paymentIntent: string, approved: boolean): Promise<StripeObject>;
  /** The buyer pays a Checkout Session on its hosted page (and Stripe says so). */
  payCheckout(session: string): Promise<StripeObject>;
  /** Called with every event the stand-in's own pages cause (a payment on Checkout, the bank's answer). */
  onEvent?: (event: StripeEvent) => void | Promise<void>;
}

export function stripeStandIn({
  templates = {},
  keys = [],
  pagesUrl = "",
}: {
  templates?: Templates;
  keys?: string[];
  pagesUrl?: string;
} = {}): StripeStandIn {
  const objects = new Map<string, StripeObject>();
  // What was answered to each idempotency key, as it was sent then (later changes to the object alter no replay).
  const replies = new Map<string, { status: number; body: string; params: string }>();

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
        redirect_to_url: { url: `${self.pagesUrl}/3ds/${intent.id}`, return_url: returnUrl ?? null },
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

  const routes: Record<string, (params: Record<string, unknown>, match: RegExpMatchArray) => StripeObject> = {
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
      session.url = `${self.pagesUrl}/checkout/${session.id}`;
      return session;
    },
  };

  function route(method: string, path: string): (params: Record<string, unknown>) => StripeObject {
    for (const [pattern, handler] of Object.entries(routes)) {
      const match = `${method} ${path}`.match(new RegExp(`^${pattern}$`));
      if (match) return (params) => handler(params, match);
    }
    throw new StripeError(404, {
      type: "invalid_request_error",
      message: `Unrecognized request URL (${method}: ${path})`,
    });
  }

  async function api(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const body = request.method === "GET" ? "" : await request.text();
    const key = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
    const params = parseForm(request.method === "GET" ? url.search.slice(1) : body);
    const idempotencyKey = request.headers.get("idempotency-key");
    self.calls.push({ method: request.method, path: url.pathname, idempotencyKey, params });
    if (!self.keys.has(key))
      return json(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
    const replayKey = idempotencyKey && `${key}|${request.method} ${url.pathname}|${idempotencyKey}`;
    const earlier = replayKey ? replies.get(replayKey) : undefined;
    if (earlier) {
      if (earlier.params !== body) {
        return json(400, {
          error: {
            type: "idempotency_error",
            message:
              "Keys for idempotent requests can only be used with the same parameters they were first used with.",
          },
        });
      }
      return answer(earlier);
    }
    let reply: { status: number; body: string };
    try {
      reply = { status: 200, body: JSON.stringify(route(request.method, url.pathname)(params)) };
    } catch (error) {
      if (!(error instanceof StripeError)) throw error;
      reply = { status: error.status, body: JSON.stringify({ error: error.body }) };
    }
    if (replayKey && request.method === "POST") replies.set(replayKey, { ...reply, params: body });
    return answer(reply);
  }

  const emit = async (type: string, object: StripeObject) => {
    await self.onEvent?.(self.event(type, object));
  };

  const self: StripeStandIn = {
    keys: new Set(keys),
    objects,
    calls: [],
    pagesUrl,
    api,
    paidCheckout({ amount, currency, card = CARDS.succeeds, saved = false, metadata = {}, email }) {
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
        customer_details: { email: email ?? "buyer@example.com" },
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
    async authenticate(paymentIntent, approved) {
      const intent = get(paymentIntent, "pi_");
      if (intent.status !== "requires_action") return intent;
      if (approved) {
        intent.authenticated = true;
        succeed(intent);
        await emit("payment_intent.succeeded", intent);
      } else {
        Object.assign(intent, {
          status: "requires_payment_method",
          next_action: null,
          last_payment_error: { type: "card_error", code: "payment_intent_authentication_failure" },
        });
        await emit("payment_intent.payment_failed", intent);
      }
      return intent;
    },
    async payCheckout(sessionId) {
      const session = get(sessionId, "cs_");
      if (session.status !== "open") return session;
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
      await emit("checkout.session.completed", session);
      return session;
    },
  };
  return self;
}
