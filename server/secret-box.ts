import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const PREFIX = "v1";

/** A key's short, public name, so a sealed value says which key opens it (and rotation knows what to reseal). */
const keyId = (key: Buffer) => createHash("sha256").update(key).digest("base64url").slice(0, 8);

/**
 * Secrets the server must use again (signing secrets, providers' API keys) are kept sealed with AES-256-GCM
 * under the server's SECRET_KEY: `v1.<key id>.<iv>.<ciphertext>.<tag>`, base64url. Older keys
 * (SECRET_KEY_PREVIOUS) still open what they sealed, so a key can be rotated without losing a secret.
 */
export function secretBox(current: Buffer, previous: Buffer[] = []) {
  if (current.length !== 32) throw new Error("SECRET_KEY must be 32 bytes");
  const keys = new Map([...previous, current].map((key) => [keyId(key), key]));
  const currentId = keyId(current);

  return {
    seal(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", current, iv);
      const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return [PREFIX, currentId, iv, sealed, cipher.getAuthTag()]
        .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
        .join(".");
    },

    /** The secret inside; a value stored before secrets were sealed is returned as it is. */
    open(stored: string): string {
      const [prefix, id = "", iv = "", sealed = "", tag = ""] = stored.split(".");
      if (prefix !== PREFIX) return stored;
      const key = keys.get(id);
      if (!key)
        throw new Error(
          `a secret is sealed with key ${id}, which is neither SECRET_KEY nor SECRET_KEY_PREVIOUS`,
        );
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    },

    /** Is this stored value sealed with the current key (else it is plaintext, or sealed with an older one)? */
    isCurrent(stored: string): boolean {
      return stored.startsWith(`${PREFIX}.${currentId}.`);
    },
  };
}
export type SecretBox = ReturnType<typeof secretBox>;
