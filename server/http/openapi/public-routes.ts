import {
  DecisionRequest,
  DecisionResponse,
  HealthAnswer,
  HookAnswer,
  OrderPayload,
  SessionRequest,
  SessionResponse,
} from "../../contract/index.ts";

import { BODY_ERRORS, named, type RouteDoc } from "./route-doc.ts";

const hook = (platform: string, summary: string, signature: string, body: RouteDoc["body"]): RouteDoc => ({
  method: "post",
  path: `/v1/hooks/${platform}/{site}`,
  tag: "order webhooks",
  summary,
  description:
    "The signature is verified over the exact bytes received, before anything is stored. A repeated delivery is acknowledged (`duplicate`) and not stored again.",
  security: [{ [signature]: [] }],
  ...(body && { body }),
  answers: { 200: { description: "Received", body: named("HookAnswer", HookAnswer) } },
  errors: ["not_found", "invalid_signature", "invalid_request", "invalid_json", "payload_too_large"],
});

/** The service, the widget and the platforms' webhooks. */
export const PUBLIC_ROUTES: RouteDoc[] = [
  // The service.
  {
    method: "get",
    path: "/healthz",
    tag: "service",
    summary: "Liveness, and whether the store can be reached",
    answers: { 200: { description: "Up", body: named("HealthAnswer", HealthAnswer) } },
    errors: ["unavailable"],
  },
  {
    method: "get",
    path: "/robots.txt",
    tag: "service",
    summary: "Disallows every crawler",
    answers: { 200: { description: "robots.txt", body: { contentType: "text/plain" } } },
    errors: [],
  },
  {
    method: "get",
    path: "/openapi.json",
    tag: "service",
    summary: "This document",
    answers: { 200: { description: "OpenAPI 3.1", body: { contentType: "application/json" } } },
    errors: [],
  },
  {
    method: "get",
    path: "/aquarium.js",
    tag: "widget",
    summary: "The widget, cached five minutes",
    answers: { 200: { description: "The embeddable script", body: { contentType: "text/javascript" } } },
    errors: ["not_found"],
  },
  {
    method: "get",
    path: "/{file}",
    tag: "widget",
    summary:
      "The widget at its content-hashed path `aquarium.<hash>.js`, immutable, for Subresource Integrity; beside it each language but English, `aquarium.<hash>.<lang>.json` (immutable) and `aquarium.<lang>.json` (cached five minutes)",
    answers: {
      200: {
        description:
          "The embeddable script, or a language's strings (`fr`, `pl`, `it`, `de`, `es`) as the widget fetches them",
        body: { contentType: "text/javascript" },
      },
    },
    errors: ["not_found"],
  },

  // The widget's two calls.
  {
    method: "post",
    path: "/v1/sessions",
    tag: "widget",
    summary: "Claim (or resume) the offers of a paid order",
    description:
      "The browser's own secret binds the order's session on the first claim; the same secret resumes it. Every miss (unknown site or order, another secret, a closed window, an origin the site does not allow) is the same 404, which the widget takes for \"not yet\" while the order's webhook is late.",
    headers: [{ name: "Origin", description: "One of the site's allowed origins, exactly", required: true }],
    body: named("SessionRequest", SessionRequest),
    answers: {
      201: {
        description: "The session was bound to this secret now",
        body: named("SessionResponse", SessionResponse),
      },
      200: {
        description: "The session was resumed with its secret",
        body: named("SessionResponse", SessionResponse),
      },
    },
    errors: ["not_found", "rate_limited", ...BODY_ERRORS],
  },
  {
    method: "post",
    path: "/v1/sessions/{id}/decisions",
    tag: "widget",
    summary: "Accept or decline the open offer, exactly once",
    description:
      "Decided against the offer exactly as it was shown. The same Idempotency-Key replays the first answer; another key for a decided offer is 409 with the decision.",
    security: [{ browserSecret: [] }],
    headers: [
      { name: "Origin", description: "One of the site's allowed origins, exactly", required: true },
      {
        name: "Idempotency-Key",
        description: "8 to 200 visible characters, one per decision the buyer makes",
        required: true,
      },
    ],
    body: named("DecisionRequest", DecisionRequest),
    answers: {
      200: {
        description: "The decision, and the funnel's next offer",
        body: named("DecisionResponse", DecisionResponse),
      },
    },
    errors: [
      "not_found",
      "already_decided",
      "offer_withdrawn",
      "order_not_paid",
      "offer_expired",
      "idempotency_key_reused",
      "rate_limited",
      "unavailable",
      ...BODY_ERRORS,
    ],
  },

  // A buyer about a payment: to the bank, and back.
  {
    method: "get",
    path: "/v1/payments/{decision}/confirm",
    tag: "widget",
    summary: "A buyer confirms an accepted offer's payment with their bank: sent on to the bank's page",
    description:
      "A signed link from a decision's `payment.actionUrl`; it carries no price. Stripe: the same PaymentIntent is confirmed again on-session.",
    query: [{ name: "sig", description: "The link's signature" }],
    answers: { 303: { description: "To the bank's page, or back to the thank-you page" } },
    errors: ["not_found", "unavailable"],
  },
  {
    method: "get",
    path: "/v1/payments/{decision}/return",
    tag: "widget",
    summary:
      "A buyer comes back from the provider's pages: what became of the payment is read from the provider",
    query: [{ name: "sig", description: "The link's signature" }],
    answers: { 303: { description: "Back to the thank-you page" } },
    errors: ["not_found", "unavailable"],
  },

  // The platforms tell of paid orders.
  hook("woocommerce", "A WooCommerce order webhook (order created or updated)", "wooSignature", {
    contentType: "application/json",
    description:
      "WooCommerce's order (REST API v3 shape); the creation ping `webhook_id=N` is answered `ping`",
  }),
  hook(
    "stripe",
    "A Stripe event: a paid Checkout Session (an order), and the payments of accepted offers (PaymentIntent succeeded or failed, pay link paid or expired, charge refunded)",
    "stripeSignature",
    { contentType: "application/json", description: "Stripe's event object" },
  ),
  hook(
    "orders",
    "An order in Aquarium's own shape, from any platform, signed per Standard Webhooks",
    "standardWebhooks",
    named("OrderPayload", OrderPayload),
  ),
];
