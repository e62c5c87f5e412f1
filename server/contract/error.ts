import * as z from "zod/mini";

/** Every error code Aquarium answers with; what each means for a caller is in `/openapi.json`. */
export const ErrorCode = z.enum([
  "invalid_request",
  "invalid_json",
  "unauthorized",
  "invalid_signature",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "already_decided",
  "offer_withdrawn",
  "order_not_paid",
  "idempotency_key_reused",
  "offer_expired",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "internal",
  "unavailable",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * The body of every error answer: `{ "error": { "code", "message", "fields"? } }`. `fields` names each
 * field that is wrong (`"lines.0.quantity"`) with what is wrong with it, in words a seller understands.
 * `code` is read as any string, so that a client keeps working when a code is added.
 */
export const ErrorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.string())),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;
