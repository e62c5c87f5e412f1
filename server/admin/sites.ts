import {
  type CreatedSiteAnswer,
  GENERATED_SECRETS,
  type RotatedSecretAnswer,
  type SecretKind,
  type SetSecretAnswer,
  type SiteInput,
} from "../contract/index.ts";
import { AppError } from "../errors.ts";
import type { Store } from "../store/store.ts";
import { generateSecret, storedSecret } from "./secrets.ts";

export const noSuchSite = () => new AppError("not_found", "No such site.");

/** A new site with a fresh secret of every kind Aquarium makes: the values are in this answer only. */
export async function createSite(store: Store, input: SiteInput, now: number): Promise<CreatedSiteAnswer> {
  const secrets = Object.fromEntries(GENERATED_SECRETS.map((kind) => [kind, generateSecret(kind)]));
  const stored = Object.fromEntries(
    GENERATED_SECRETS.map((kind) => [kind, storedSecret(kind, secrets[kind] as string)]),
  );
  return { site: await store.sites.create(input, stored, now), secrets };
}

/**
 * Rotates a secret Aquarium makes (the new value is answered once, and only its stored form kept), or sets
 * one the seller brings (`given`: Stripe's endpoint secret), which is never answered back.
 */
export async function setSiteSecret(
  store: Store,
  siteId: string,
  secret: { kind: "stripe"; given: string } | { kind: Exclude<SecretKind, "stripe"> },
  now: number,
): Promise<RotatedSecretAnswer | SetSecretAnswer> {
  if (!(await store.sites.get(siteId))) throw noSuchSite();
  if (secret.kind === "stripe") {
    await store.sites.setSecret(siteId, secret.kind, secret.given, now);
    return { kind: secret.kind, set: true };
  }
  const made = generateSecret(secret.kind);
  await store.sites.setSecret(siteId, secret.kind, storedSecret(secret.kind, made), now);
  // The owner's logins were made with the old token: they end with it.
  if (secret.kind === "owner") await store.adminSessions.removeScope(siteId);
  return { kind: secret.kind, secret: made };
}
