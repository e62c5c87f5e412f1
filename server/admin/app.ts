import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { AppError } from "../errors.ts";

const ROOT = resolve(import.meta.dirname, "../../dist/admin");

/** The admin app's own pages: only this origin's scripts and styles, never framed. */
const HEADERS = {
  "Content-Security-Policy":
    "default-src 'self'; img-src 'self' https: http: data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "X-Frame-Options": "DENY",
  "Cache-Control": "no-cache",
};

/** `/admin`: the built admin app (`npm run build`); every path that is not a file is the app itself. */
export function adminApp(root = ROOT): Hono {
  const app = new Hono();
  if (!existsSync(resolve(root, "index.html"))) {
    app.all("/*", () => {
      throw new AppError("not_found", "The admin app is not built: run `npm run build`.");
    });
    return app;
  }
  app.use(async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(HEADERS)) c.header(name, value);
  });
  app.use("/*", serveStatic({ root, rewriteRequestPath: (path) => path.replace(/^\/admin/, "") }));
  app.get("/*", serveStatic({ root, path: "index.html" }));
  return app;
}
