import type { MiddlewareHandler } from "hono";
import { safeEqual } from "../crypto.ts";
import { AppError } from "../errors.ts";

/** `Authorization: Bearer $ADMIN_TOKEN`, compared in constant time; anything else is 401. */
export function adminAuth(adminToken: string): MiddlewareHandler {
  return async (c, next) => {
    const match = /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "");
    if (!match?.[1] || !safeEqual(match[1], adminToken)) {
      throw new AppError("unauthorized", "A valid admin token is required.", {
        "WWW-Authenticate": 'Bearer realm="aquarium-admin"',
      });
    }
    await next();
  };
}
