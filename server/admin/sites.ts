import {
  type BroughtSecret,
  type CreatedSiteAnswer,
  GENERATED_SECRETS,
  type RotatedSecretAnswer,
  type SecretKind,
  type SetSecretAnswer,
  type Site,
  type SiteInput,
  type SitePatch,
} from "../contract/index.ts";
import { AppError } from "../errors.ts";
import { type Resolver, resolveDestination } from "../net/destination.ts";
import type { Store } from "../store/store.ts";
import { generateSecret, storedSecret } from "./secrets.ts";

export const noSuchSite = () => new AppError("not_found", "No such site.");

/** Where the seller's events go may not lead into the server's own network (checked again at every delivery). */
async function checkWebhookUrl(url: string | null | undefined, network: Network): Promise<void> {
  if (url) await resolveDestination(url, network.allowLoopbackHttp, network.resolve);
}

/** What the server may reach on a tenant's word, and how it finds it. */
export interface Network {
  allowLoopbackHttp: boolean;
  resolve?: Resolver;
}

/** A new site with a fresh secret of every kind Aquarium makes: the values are in this answer only. */
export async function createSite(
  store: Store,
  input: SiteInput,
  now: number,
  network: Network,
): Promise<CreatedSiteAnswer> {
  await checkWebhookUrl(input.webhookUrl, network);
  const secrets = Object.fromEntries(GENERATED_SECRETS.map((kind) => [kind, generateSecret(kind)]));
  const stored = Object.fromEntries(
    GENERATED_SECRETS.map((kind) => [kind, storedSecret(kind, secrets[kind] as string)]),
  );
  return { site: await store.sites.create(input, stored, now), secrets };
}

export async function updateSite(
  store: Store,
  siteId: string,
  patch: SitePatch,
  now: number,
  network: Network,
): Promise<Site> {
  await checkWebhookUrl(patch.webhookUrl, network);
  const site = await store.sites.update(siteId, patch, now);
  if (!site) throw noSuchSite();
  return site;
}

/**
 * Rotates a secret Aquarium makes (the new value is answered once, and only its stored form kept), or sets
 * one the seller brings (`given`: Stripe's endpoint secret), which is never answered back.
 */
export async function setSiteSecret(
  store: Store,
  siteId: string,
  secret: { kind: BroughtSecret; given: string } | { kind: Exclude<SecretKind, BroughtSecret> },
  now: number,
): Promise<RotatedSecretAnswer | SetSecretAnswer> {
  if (!(await store.sites.get(siteId))) throw noSuchSite();
  if ("given" in secret) {
    await store.sites.setSecret(siteId, secret.kind, secret.given, now);
    return { kind: secret.kind, set: true };
  }
  const made = generateSecret(secret.kind);
  await store.sites.setSecret(siteId, secret.kind, storedSecret(secret.kind, made), now);
  // The owner's logins were made with the old token: they end with it.
  if (secret.kind === "owner") await store.adminSessions.removeScope(siteId);
  return { kind: secret.kind, secret: made };
}
