import type { Config } from "../config.ts";
import { safeEqual, sha256Hex } from "../crypto.ts";
import { AppError } from "../errors.ts";
import type { Store } from "../store/store.ts";

/** The operator's scope: every site. An owner's scope is the one site's id. */
export const OPERATOR = "*";

export const unauthorized = () => new AppError("unauthorized", "A valid admin login is required.");

/** What a login keeps of the credential that made it: its hash, compared again on every request. */
export const credentialOf = (token: string) => sha256Hex(token);

/** The scope a token grants: ADMIN_TOKEN is the operator, a site's owner token is that site; else none. */
export async function scopeOfToken(
  { store, config }: { store: Store; config: Config },
  token: string,
): Promise<string | null> {
  if (safeEqual(token, config.adminToken)) return OPERATOR;
  return token.startsWith("aqo_") ? store.sites.bySecret("owner", credentialOf(token)) : null;
}

/**
 * Is the credential a login was made with still the scope's credential? Changing ADMIN_TOKEN ends the
 * operator's logins; rotating a site's owner token ends that site's.
 */
export async function stillCredited(
  { store, config }: { store: Store; config: Config },
  scope: string,
  credential: string | null,
): Promise<boolean> {
  if (!credential) return false;
  const current =
    scope === OPERATOR ? credentialOf(config.adminToken) : await store.sites.secret(scope, "owner");
  return current !== null && safeEqual(credential, current);
}
