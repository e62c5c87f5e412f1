import { Hono } from "hono";
import { PREVIEW_ORDER_PARAM } from "../admin/test-order-payloads.ts";
import { SiteId } from "../contract/index.ts";
import { AppError } from "../errors.ts";
import type { Bundle } from "./bundle.ts";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * `GET /preview/:site/*`: a plain thank-you page on this server with the site's snippet, at the path and
 * query each platform gives its own (`…/order-received/<id>/?key=…`, `?session_id=cs_…`, `?order=<ref>`), so
 * the real widget finds a test order the way it finds a buyer's, claims it and shows its offer. Pages of this
 * origin are offered the admin's test orders only; the page itself holds nothing but the snippet.
 */
export function previewRoutes(bundle: Bundle | null): Hono {
  const app = new Hono();
  app.get("/:site/*", (c) => {
    const site = SiteId.safeParse(c.req.param("site"));
    if (!site.success) throw new AppError("not_found", "No such site.");
    if (!bundle) throw new AppError("not_found", "The widget is not built: run `npm run build`.");
    const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Thank-you page preview · Aquarium</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}.note{background:#f3f5f8;border-radius:8px;padding:.75rem 1rem}</style>
</head>
<body>
<h1>Thank you for your order</h1>
<p class="note">Aquarium's preview of a thank-you page, for a <strong>test order</strong>: below is the offer a buyer of this order would see on your own page. Nothing is charged.</p>
<script async src="/aquarium.${escapeHtml(bundle.hash)}.js" integrity="${escapeHtml(bundle.integrity)}" crossorigin="anonymous" data-site="${escapeHtml(site.data)}" data-order-param="${PREVIEW_ORDER_PARAM}"></script>
</body>
</html>`;
    return c.html(html, 200, {
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex, nofollow",
      // The address holds the test order's key: it is not sent on.
      "Referrer-Policy": "no-referrer",
      "Content-Security-Policy":
        "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' https: http: data:; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    });
  });
  return app;
}
