import { Hono } from "hono";
import { AppError } from "../errors.ts";
import type { Bundle } from "./bundle.ts";

/**
 * `GET /aquarium.js` (a short cache, so a new release reaches pages within minutes) and
 * `GET /aquarium.<hash>.js` (immutable, for Subresource Integrity). Any origin may load it:
 * SRI with `crossorigin="anonymous"` needs the CORS header.
 */
export function embedRoutes(bundle: Bundle | null): Hono {
  const app = new Hono();
  const send = (maxAge: string) => {
    if (!bundle) throw new AppError("not_found", "The widget is not built: run `npm run build`.");
    return new Response(bundle.code, {
      headers: {
        "Content-Type": "text/javascript; charset=utf-8",
        "Cache-Control": maxAge,
        "Access-Control-Allow-Origin": "*",
        "Cross-Origin-Resource-Policy": "cross-origin",
        "X-Content-Type-Options": "nosniff",
      },
    });
  };
  app.get("/aquarium.js", () => send("public, max-age=300"));
  app.get("/:file{aquarium\\.[0-9a-f]+\\.js}", (c) => {
    if (c.req.param("file") !== `aquarium.${bundle?.hash}.js`)
      throw new AppError("not_found", "No such version.");
    return send("public, max-age=31536000, immutable");
  });
  return app;
}
