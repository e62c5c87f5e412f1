import type { MiddlewareHandler } from "hono";

/** Offers are private and order-bound: nothing about them may be cached, indexed or leaked by a referrer. */
export const privateAnswers: MiddlewareHandler = async (c, next) => {
  await next();
  c.header("Cache-Control", "no-store");
  c.header("X-Robots-Tag", "noindex, nofollow");
  c.header("Referrer-Policy", "no-referrer");
  c.header("X-Content-Type-Options", "nosniff");
};

/** Served over https: browsers are told to use nothing else for a year (HSTS). */
export function strictTransport(publicUrl: string): MiddlewareHandler {
  const https = publicUrl.startsWith("https:");
  return async (c, next) => {
    await next();
    if (https) c.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  };
}
