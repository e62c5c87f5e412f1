import { errors, jwtVerify } from "jose";
import { OrderTokenClaims } from "../contract/index.ts";
import { emailHash } from "../crypto.ts";
import { type NewOrder, NO_PAYMENT } from "../domain.ts";
import { AppError } from "../errors.ts";
import { validate } from "../parse.ts";

/** A token is a short-lived credential on a page: an hour at most, whatever the signer asked for. */
export const TOKEN_MAX_AGE_SECONDS = 3600;
const CLOCK_SKEW_SECONDS = 60;

const refused = (why: string) => new AppError("invalid_signature", `The order token was refused: ${why}.`);

/**
 * Verifies a signed order token (JWT HS256 with the site's token secret; `iss` the site, `sub` the order)
 * and maps it to an order, which the caller registers when it is first claimed.
 */
export async function verifyOrderToken(
  token: string,
  siteId: string,
  secret: string,
  now: number,
): Promise<NewOrder> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ["HS256"],
      issuer: siteId,
      requiredClaims: ["iss", "sub", "iat", "exp"],
      currentDate: new Date(now),
      clockTolerance: CLOCK_SKEW_SECONDS,
      maxTokenAge: TOKEN_MAX_AGE_SECONDS,
    }));
  } catch (error) {
    if (error instanceof errors.JOSEError) throw refused(error.code.replace(/^ERR_/, "").toLowerCase());
    throw error;
  }
  const claims = validate(OrderTokenClaims, payload);
  if (claims.exp - claims.iat > TOKEN_MAX_AGE_SECONDS) throw refused("it must expire within an hour of iat");
  if (claims.iat * 1000 > now + CLOCK_SKEW_SECONDS * 1000) throw refused("iat is in the future");
  return {
    siteId,
    source: "token",
    externalId: claims.sub,
    keyHash: null,
    lines: claims.lines,
    total: claims.total,
    currency: claims.currency,
    emailHash: emailHash(claims.email),
    status: "paid",
    paidAt: claims.iat * 1000,
    sourceUpdatedAt: claims.iat * 1000,
    ...NO_PAYMENT,
  };
}
