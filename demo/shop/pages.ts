import { FAVICON_LINK } from "../home.ts";
import { CATALOGUE } from "../seed.ts";

type Item = (typeof CATALOGUE)[number];

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
export const euros = (minor: number) =>
  new Intl.NumberFormat("en-IE", { style: "currency", currency: "EUR" }).format(minor / 100);

const STYLE = `
  body{margin:0;font:16px/1.5 Georgia,serif;color:#222;background:#faf7f2}
  header{background:#14324a;color:#fff;padding:14px 24px;display:flex;gap:24px;align-items:baseline}
  header a{color:#fff;text-decoration:none;font-weight:bold;font-size:20px}
  header nav a{font-size:15px;font-weight:normal;opacity:.9}
  main{max-width:880px;margin:0 auto;padding:24px}
  .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:18px}
  .card{background:#fff;border:1px solid #e5dfd5;border-radius:8px;padding:14px;text-decoration:none;color:inherit}
  .card img,.product img{width:100%;max-width:320px;border-radius:6px;background:#eef4f8}
  .price{font-size:20px;font-weight:bold}
  button{font:inherit;padding:10px 18px;border-radius:6px;border:0;background:#14324a;color:#fff;cursor:pointer;margin:4px 8px 4px 0}
  button.alt{background:#635bff}
  .note{color:#555;font-size:14px}
  table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left;vertical-align:top}
  code,pre{font-size:13px;white-space:pre-wrap;word-break:break-all}
`;

export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Aquarium demo shop</title>${FAVICON_LINK}<style>${STYLE}</style></head>
<body><header><a href="/shop/">The Demo Shop</a><nav><a href="/shop/">Catalogue</a> · <a href="/shop/seller">Seller's inbox</a> · <a href="/admin/">Admin</a></nav></header>
<main>${body}</main></body></html>`;
}

export function cataloguePage(): string {
  const cards = CATALOGUE.filter((item) => item.front)
    .map(
      (
        item,
      ) => `<a class="card" href="/shop/p/${item.sku}"><img src="/shop/img/${item.sku}.svg" alt="" width="190" height="190">
<h2>${escapeHtml(item.name)}</h2><p class="price">${euros(item.price)}</p></a>`,
    )
    .join("");
  return layout(
    "Catalogue",
    `<h1>Things people love</h1><p class="note">Buy any of these and see what the thank-you page offers you next.
Payments here are pretend: nothing is charged.</p><div class="grid">${cards}</div>`,
  );
}

/** A product and its checkout; `more` adds to the checkout's form (the Stripe stand-in's test cards). */
export function productPage(item: Item, more = ""): string {
  return layout(
    item.name,
    `<div class="product"><img src="/shop/img/${item.sku}.svg" alt="" width="320" height="320">
<h1>${escapeHtml(item.name)}</h1><p>${escapeHtml(item.description)}</p><p class="price">${euros(item.price)}</p>
<form method="post" action="/shop/checkout">
  <input type="hidden" name="sku" value="${item.sku}">
  <p><label>Your email <input type="email" name="email" value="buyer@example.com" required></label></p>
  <p><label><input type="checkbox" name="late" value="5"> Deliver the order webhook 5 s late, as real shops often do</label></p>
  <button name="flavour" value="woocommerce">Buy now (a WooCommerce shop)</button>
  <button class="alt" name="flavour" value="stripe">Pay with Stripe Checkout (a static site)</button>
${more}
</form>
<p class="note">The first button pays the way a WooCommerce store does: the shop tells Aquarium by a signed
WooCommerce webhook and shows <code>/checkout/order-received/&lt;id&gt;/?key=wc_order_…</code>. The second pays the way a
static site with Stripe Checkout does: a signed <code>checkout.session.completed</code> event, then <code>?session_id=cs_…</code>.
With the box ticked, the thank-you page comes first and the webhook 5 s after it: the widget waits for the order, and
the offer appears once Aquarium has heard of it.</p></div>`,
  );
}

/** The thank-you page: the shop's own words and, pasted into it, the snippet. Nothing else. */
export function thankYouPage(heading: string, orderLine: string, snippet: string): string {
  return layout(
    "Thank you",
    `<h1>${escapeHtml(heading)}</h1><p>${escapeHtml(orderLine)}</p><p>We have sent a confirmation to your email.</p>
${snippet}
<p class="note">Your receipt and delivery details follow by email.</p>`,
  );
}

export function sellerPage(events: { at: string; verified: boolean; body: string }[]): string {
  const rows = events
    .map(
      (event) =>
        `<tr><td>${escapeHtml(event.at)}</td><td>${event.verified ? "✔ signed" : "✘ bad signature"}</td><td><pre>${escapeHtml(event.body)}</pre></td></tr>`,
    )
    .join("");
  return layout(
    "Seller's inbox",
    `<h1>Seller's inbox</h1><p class="note">What the seller's server receives from Aquarium: one signed webhook
(Standard Webhooks) per decision, retried until delivered.</p>
<table><thead><tr><th>Received</th><th>Signature</th><th>Event</th></tr></thead><tbody>${rows || '<tr><td colspan="3">Nothing yet: buy something and answer the offer.</td></tr>'}</tbody></table>`,
  );
}
