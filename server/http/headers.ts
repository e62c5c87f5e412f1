import type { MiddlewareHandler } from "hono";

/** Offers are private and order-bound: nothing about them may be cached, indexed or leaked by a referrer. */
const PRIVATE: [string, string][] = [
  ["Cache-Control", "no-store"],
  ["X-Robots-Tag", "noindex, nofollow"],
  ["Referrer-Policy", "no-referrer"],
  ["X-Content-Type-Options", "nosniff"],
];

/** Served over https: browsers are told to use nothing else for a year (HSTS). */
const HSTS = "max-age=31536000; includeSubDomains";

const isPrivate = (path: string) =>
  path.startsWith("/v1/") || path.startsWith("/admin/") || path === "/v1" || path === "/admin";

/**
 * The headers every answer shares, in one place: HSTS when served over https, `Connection: close` while the
 * server stops (a keep-alive client is told to go elsewhere), and the private-answer headers on `/v1` and
 * `/admin`. They are set once the route has answered, on the answer's own headers: `c.header()` after an answer
 * is made copies the answer (its body read out through a stream) at each call. An answer whose headers cannot be
 * changed (one passed on from `fetch`) is copied once.
 */
export function answerHeaders(options: { https: boolean; stopping: () => boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const set: [string, string][] = [];
    if (options.https) set.push(["Strict-Transport-Security", HSTS]);
    if (options.stopping()) set.push(["Connection", "close"]);
    if (isPrivate(c.req.path)) set.push(...PRIVATE);
    if (set.length === 0) return;
    try {
      for (const [name, value] of set) c.res.headers.set(name, value);
    } catch {
      const copy = new Response(c.res.body, c.res);
      for (const [name, value] of set) copy.headers.set(name, value);
      c.res = undefined;
      c.res = copy;
    }
  };
}
