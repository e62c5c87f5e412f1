import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export function sha256Hex(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/** HMAC-SHA256 of the message's parts, in order (text as UTF-8, bytes as they are). */
export function hmacSha256(
  key: string | Buffer,
  message: string | Uint8Array | (string | Uint8Array)[],
  encoding: "hex" | "base64",
): string {
  const hmac = createHmac("sha256", key);
  for (const part of Array.isArray(message) ? message : [message]) hmac.update(part);
  return hmac.digest(encoding);
}

/**
 * Compares two secrets in constant time, whatever their lengths: both are hashed first, so neither
 * the content nor the length of the expected value leaks through timing.
 */
export function safeEqual(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** Two SHA-256 hex digests compared in constant time (they are equally long by construction). */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** A random secret with 256 bits of entropy, base64url, behind an optional prefix (`whsec_…`). */
export function randomSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

/** Customers' emails are kept only as a hash, normalised so the same address always hashes alike. */
export function emailHash(email: string | null | undefined): string | null {
  return email ? sha256Hex(email.trim().toLowerCase()) : null;
}
