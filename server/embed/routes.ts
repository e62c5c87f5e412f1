import { Hono } from "hono";
import { AppError } from "../errors.ts";
import type { Bundle } from "./bundle.ts";

/**
 * `GET /aquarium.js` (a short cache, so a new release reaches pages within minutes) and
 * `GET /aquarium.<hash>.js` (immutable, for Subresource Integrity), and beside them each language the widget
 * fetches for its buyer, `aquarium[.<hash>].<language>.json`, cached alike. Any origin may load them: SRI
 * with `crossorigin="anonymous"` needs the CORS header, and the widget fetches its language from the page.
 */
export function embedRoutes(bundle: Bundle | null): Hono {
  const app = new Hono();
  const built = (): Bundle => {
    if (!bundle) throw new AppError("not_found", "The widget is not built: run `npm run build`.");
    return bundle;
  };
  const send = (body: string, type: string, maxAge: string) =>
    new Response(body, {
      headers: {
        "Content-Type": type,
        "Cache-Control": maxAge,
        "Access-Control-Allow-Origin": "*",
        "Cross-Origin-Resource-Policy": "cross-origin",
        "X-Content-Type-Options": "nosniff",
      },
    });
  const SHORT = "public, max-age=300";
  const IMMUTABLE = "public, max-age=31536000, immutable";
  const SCRIPT = "text/javascript; charset=utf-8";
  const JSON_TYPE = "application/json; charset=utf-8";
  const language = (code: string) => {
    const { languages } = built();
    if (!Object.hasOwn(languages, code))
      throw new AppError("not_found", "The widget does not speak this language.");
    return languages[code] as string;
  };
  const version = (hash: string) => {
    if (hash !== built().hash) throw new AppError("not_found", "No such version.");
  };

  app.get("/aquarium.js", () => send(built().code, SCRIPT, SHORT));
  app.get("/:file{aquarium\\.[0-9a-f]+\\.js}", (c) => {
    version(c.req.param("file").split(".")[1] ?? "");
    return send(built().code, SCRIPT, IMMUTABLE);
  });
  app.get("/:file{aquarium\\.[a-z][a-z]\\.json}", (c) =>
    send(language(c.req.param("file").split(".")[1] ?? ""), JSON_TYPE, SHORT),
  );
  app.get("/:file{aquarium\\.[0-9a-f]+\\.[a-z][a-z]\\.json}", (c) => {
    const [, hash = "", code = ""] = c.req.param("file").split(".");
    version(hash);
    return send(language(code), JSON_TYPE, IMMUTABLE);
  });
  return app;
}
