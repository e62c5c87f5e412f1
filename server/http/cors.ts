import type { MiddlewareHandler } from "hono";

/**
 * CORS for any origin, without credentials: the origin asking is the origin allowed (the use case then holds
 * it to the site's exact list). A preflight is answered here; any other answer gets its headers once it is
 * made, on its own headers (`c.res.headers`): writing them before the route answers, or through `c.header()`
 * after, makes Hono copy the answer, its body read out through a stream.
 */
export function corsAnyOrigin(options: {
  methods: string[];
  headers: string[];
  maxAge: number;
}): MiddlewareHandler {
  const methods = options.methods.join(",");
  const headers = options.headers.join(",");
  const maxAge = String(options.maxAge);
  return async (c, next) => {
    const origin = c.req.header("origin");
    if (c.req.method === "OPTIONS") {
      return c.body(null, 204, {
        ...(origin && { "Access-Control-Allow-Origin": origin }),
        "Access-Control-Allow-Methods": methods,
        "Access-Control-Allow-Headers": headers,
        "Access-Control-Max-Age": maxAge,
        Vary: "Origin, Access-Control-Request-Headers",
      });
    }
    await next();
    const answer = c.res.headers;
    if (origin) answer.set("Access-Control-Allow-Origin", origin);
    answer.append("Vary", "Origin");
  };
}
