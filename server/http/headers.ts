import type { MiddlewareHandler } from "hono";

/** Offers are private and order-bound: nothing about them may be cached, indexed or leaked by a referrer. */
export const privateAnswers: MiddlewareHandler = async (c, next) => {
  await next();
  c.header("Cache-Control", "no-store");
  c.header("X-Robots-Tag", "noindex, nofollow");
  c.header("Referrer-Policy", "no-referrer");
  c.header("X-Content-Type-Options", "nosniff");
};
