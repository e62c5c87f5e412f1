import { randomBytes } from "node:crypto";
import type { BroughtSecret, SecretKind } from "../contract/index.ts";
import { randomSecret, sha256Hex } from "../crypto.ts";

/**
 * A new secret in the format its consumer expects: Standard Webhooks wants `whsec_` + base64 of the key bytes;
 * WooCommerce and the token signer take any string. Stripe's is never made here: Stripe makes it.
 */
export function generateSecret(kind: Exclude<SecretKind, BroughtSecret>): string {
  switch (kind) {
    case "orders":
    case "outbound":
      return `whsec_${randomBytes(32).toString("base64")}`;
    case "woocommerce":
    case "token":
      return randomSecret();
    case "owner":
      return randomSecret("aqo_");
  }
}

/** What the store keeps of a secret: the value itself where Aquarium must sign with it, a hash where it only compares. */
export function storedSecret(kind: SecretKind, value: string): string {
  return kind === "owner" ? sha256Hex(value) : value;
}
