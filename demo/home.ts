import { readFileSync } from "node:fs";
import { Hono } from "hono";

/** The demo's icon, the admin's own (demo/admin/public), served for the demo's pages too. */
export const FAVICON = readFileSync(new URL("./admin/public/favicon.svg", import.meta.url), "utf8");
export const FAVICON_LINK = '<link rel="icon" type="image/svg+xml" href="/favicon.svg">';

const STYLE = `
  body{margin:0;font:17px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f8fb}
  main{max-width:56rem;margin:0 auto;padding:2rem 1.25rem 3rem}
  h1{font-size:2rem;margin:0 0 .5rem}
  .lead{font-size:1.1rem;color:#3d3d3d;max-width:40rem}
  .doors{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem;margin:2rem 0}
  .door{display:block;background:#fff;border:1px solid #c9d6e2;border-radius:12px;padding:1.1rem 1.2rem;color:inherit;text-decoration:none}
  .door:hover,.door:focus-visible{border-color:#0b5cad;box-shadow:0 0 0 3px #0b5cad33}
  .door h2{margin:0 0 .4rem;font-size:1.25rem;color:#0b5cad}
  .door p{margin:0;color:#3d3d3d}
  code{font-size:.9em;overflow-wrap:anywhere}
  .note{color:#4d4d4d;font-size:.95rem}
`;

/** A way into the demo: where it leads, and what the newcomer will find there. */
const door = (href: string, title: string, text: string) =>
  `<a class="door" href="${href}"><h2>${title}</h2><p>${text}</p></a>`;

/** `/` on the demo: what Aquarium is in two lines, and the three places to go. */
export function homePage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Aquarium demo</title>${FAVICON_LINK}<style>${STYLE}</style></head><body><main>
<h1>Aquarium demo</h1>
<p class="lead">A buyer who has just paid is shown one more offer for their order, on the shop's own thank-you page,
and takes it in one click. Everything here runs on this machine; nothing is charged.</p>
<nav class="doors" aria-label="The demo">
${door("/shop/", "The shop", "Buy the goldfish: the thank-you page offers the aquarium kit. Accept it and the food follows; decline it and the water care set is offered instead.")}
${door("/admin/", "The admin", "What the seller sees: products, offers and funnels, the snippet to paste, and what the offers earned. Log in with the admin token the terminal printed.")}
${door("/shop/seller", "The seller's inbox", "The signed webhooks Aquarium sends the seller for each decision and payment, as their server receives them.")}
</nav>
<p class="note">The admin token is kept in <code>./data/demo-admin-token</code>, the same at every start.
The whole API is described at <a href="/openapi.json">/openapi.json</a>.</p>
</main></body></html>`;
}

/** The demo's own pages beside the shop: the home page and the icon. */
export function homeRoutes(): Hono {
  const app = new Hono();
  app.get("/", (c) => c.html(homePage()));
  app.get("/favicon.svg", (c) =>
    c.body(FAVICON, 200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" }),
  );
  return app;
}
