const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * Bytes as base64url without padding. By hand rather than through btoa and String.fromCharCode: a page may
 * have replaced those, and a secret garbled by a page's polyfill would be refused or, worse, guessable.
 */
export function base64url(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    value = ((value << 8) | (bytes[i] as number)) & 0xffff;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += ALPHABET[(value >> bits) & 63];
    }
  }
  return bits ? out + ALPHABET[(value << (6 - bits)) & 63] : out;
}

/** `bytes` random bytes as text: 32 make this browser's claim secret (43 characters), 16 an idempotency key. */
export const randomText = (bytes: number): string => base64url(crypto.getRandomValues(new Uint8Array(bytes)));
