import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { OrderPayload } from "../contract/index.ts";
import { emailHash, sha256Hex } from "../crypto.ts";
import { NO_PAYMENT } from "../domain.ts";
import { AppError } from "../errors.ts";
import { parseJson, validate } from "../parse.ts";
import { type Incoming, textOf, type Verified } from "./verified.ts";

/**
 * The generic order webhook: Aquarium's own order shape, signed per Standard Webhooks
 * (`webhook-id`, `webhook-timestamp` within 5 minutes, `webhook-signature`), verified by the reference library.
 */
export function verifyGeneric({ siteId, raw, headers, secret }: Incoming): Verified {
  const signed = {
    "webhook-id": headers.get("webhook-id") ?? "",
    "webhook-timestamp": headers.get("webhook-timestamp") ?? "",
    "webhook-signature": headers.get("webhook-signature") ?? "",
  };
  try {
    // The library would parse the body itself and throw a bare SyntaxError quoting it; we parse it below.
    new Webhook(secret).verify(Buffer.from(raw), signed, { jsonParse: false });
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      throw new AppError(
        "invalid_signature",
        `The Standard Webhooks signature was refused: ${error.message}.`,
      );
    }
    throw error;
  }
  const order = validate(OrderPayload, parseJson(textOf(raw)));
  const paidAt = Date.parse(order.paidAt);
  return {
    deliveryId: signed["webhook-id"],
    order: {
      siteId,
      source: "orders",
      externalId: order.id,
      keyHash: sha256Hex(order.ref),
      lines: order.lines,
      total: order.total,
      currency: order.currency,
      emailHash: emailHash(order.email),
      status: order.status,
      paidAt,
      sourceUpdatedAt: order.updatedAt ? Date.parse(order.updatedAt) : paidAt,
      ...NO_PAYMENT,
    },
  };
}
