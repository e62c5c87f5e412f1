import { createHmac } from "node:crypto";
import { safeEqual } from "../crypto.ts";

/**
 * The two pages of this server a buyer may be sent to about one payment: where they confirm it with their bank,
 * and where they come back from the provider. Each carries a signature of the decision it is about, made with
 * a key derived from SECRET_KEY, so a link cannot be made up or pointed at another payment; neither carries a
 * price.
 */
export function paymentLinks(publicUrl: string, secretKey: Buffer) {
  const key = createHmac("sha256", secretKey).update("aquarium payment links").digest();
  const sign = (decisionId: string) =>
    createHmac("sha256", key).update(decisionId).digest("base64url").slice(0, 32);
  const link = (decisionId: string, page: "confirm" | "return") =>
    `${publicUrl}/v1/payments/${encodeURIComponent(decisionId)}/${page}?sig=${sign(decisionId)}`;
  return {
    confirm: (decisionId: string) => link(decisionId, "confirm"),
    returnTo: (decisionId: string) => link(decisionId, "return"),
    verify: (decisionId: string, signature: string) => safeEqual(signature, sign(decisionId)),
  };
}
export type PaymentLinks = ReturnType<typeof paymentLinks>;
