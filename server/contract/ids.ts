import * as z from "zod/mini";

const Id = (prefix: string) =>
  z.string().check(z.regex(new RegExp(`^${prefix}_[A-Za-z0-9_-]{8,64}$`), `must be a ${prefix}_… id`));

export const SiteId = Id("site");
export const ProductId = Id("prod");
export const OfferId = Id("offer");

/** A session's secret: 256 random bits, base64url. */
export const SessionSecret = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{43}$/, "must be 43 base64url characters (256 random bits)"));
export const SessionId = z.string().check(z.regex(/^sess_[A-Za-z0-9_-]{8,64}$/, "must be a sess_… id"));
