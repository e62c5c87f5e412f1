import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Signing helpers for the order-source tests. They are written from the providers' documented schemes
 * (../shared/fixtures/*.md) with node:crypto directly, not with the server's own crypto helpers, so a mistake
 * in the server cannot be mirrored by the tests.
 */

const FIXTURES = resolve(import.meta.dirname, "../../../shared/fixtures");

/** A third-party fixture's exact bytes, read at test time from ../shared/fixtures (never copied into the project). */
export function fixtureText(path: string): string {
  return readFileSync(resolve(FIXTURES, path), "utf8");
}

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

// ---------------------------------------------------------------------------------------------------------------
// WooCommerce: X-WC-Webhook-Signature = base64(HMAC-SHA256(raw body, secret as a plain string)).

export const wooSignature = (raw: string, secret: string): string =>
  createHmac("sha256", secret).update(raw).digest("base64");

export interface WooDelivery {
  secret?: string;
  deliveryId?: string | null;
  topic?: string;
  /** Overrides the computed signature; null leaves the header out. */
  signature?: string | null;
}

/** The headers WooCommerce sends with a delivery (WC_Webhook::deliver()), signed over `raw`. */
export function wooHeaders(
  raw: string,
  { secret, deliveryId = "wc-delivery-1", topic = "order.updated", signature }: WooDelivery,
): Headers {
  const headers = new Headers({
    "content-type": "application/json",
    "user-agent": "WooCommerce/9.0.0 Hookshot (WordPress/6.5)",
    "x-wc-webhook-source": "https://shop.example/",
    "x-wc-webhook-topic": topic,
    "x-wc-webhook-resource": topic.split(".")[0] ?? "order",
    "x-wc-webhook-event": topic.split(".")[1] ?? "updated",
    "x-wc-webhook-id": "12",
  });
  if (deliveryId !== null) headers.set("x-wc-webhook-delivery-id", deliveryId);
  const value =
    signature === undefined ? (secret === undefined ? null : wooSignature(raw, secret)) : signature;
  if (value !== null) headers.set("x-wc-webhook-signature", value);
  return headers;
}

// ---------------------------------------------------------------------------------------------------------------
// Stripe: Stripe-Signature = t=<seconds>,v1=<lowercase hex HMAC-SHA256 of `${t}.${raw}` keyed by the whsec_ string>.

export const stripeV1 = (raw: string, secret: string, t: number): string =>
  createHmac("sha256", secret).update(`${t}.${raw}`).digest("hex");

export const stripeHeader = (raw: string, secret: string, t: number): string =>
  `t=${t},v1=${stripeV1(raw, secret, t)}`;

/**
 * A copy of the assembled checkout.session.completed fixture. The fixture's session is open and unpaid; a test that
 * needs a paid one passes `session` edits (payment_status, amount_total, currency, metadata…) and says so.
 */
export function stripeEvent(
  edit: { type?: string; session?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const event = JSON.parse(fixtureText("stripe/checkout-session-completed.json")) as {
    type: string;
    data: { object: Record<string, unknown> };
  };
  if (edit.type) event.type = edit.type;
  Object.assign(event.data.object, edit.session ?? {});
  return event;
}

// ---------------------------------------------------------------------------------------------------------------
// Standard Webhooks: webhook-signature = "v1," + base64(HMAC-SHA256(`${id}.${timestamp}.${raw}`)), keyed by the
// base64-decoded bytes of the secret after its whsec_ prefix.

export function standardSignature(raw: string, secret: string, id: string, timestamp: number): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${raw}`).digest("base64")}`;
}

export function standardHeaders(
  raw: string,
  secret: string,
  {
    id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
    timestamp = Math.floor(Date.now() / 1000),
  }: { id?: string; timestamp?: number } = {},
): Headers {
  return new Headers({
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": standardSignature(raw, secret, id, timestamp),
  });
}
