import { Hono } from "hono";
import { Webhook } from "standardwebhooks";
import type { Deps } from "../../server/deps.ts";
import { snippet } from "../../server/embed/bundle.ts";
import { CATALOGUE, type DemoSite } from "../seed.ts";
import { type Checkout, stripeCheckout, wooCommerceCheckout } from "./checkout.ts";
import { cataloguePage, layout, productPage, sellerPage, thankYouPage } from "./pages.ts";
import { pictureOf } from "./pictures.ts";
import { type StripeSeller, testCardChoice } from "./stripe.ts";
import { type WooCommerceSeller, wooCommerceChoice } from "./woocommerce.ts";

/** How late the demo delivers the order webhook when the buyer asks it to be late. */
const LATE_MS = 5000;

const notFound = () =>
  new Response(layout("Not found", "<h1>Not found</h1>"), {
    status: 404,
    headers: { "content-type": "text/html" },
  });

/**
 * The demo shop at /shop: a catalogue, a pretend checkout that tells Aquarium of the paid order the way
 * each platform does (a signed webhook over HTTP), the two thank-you pages with the seller's snippet,
 * and the seller's inbox where Aquarium's outbound webhooks land. With a `stripe` seller (demo/run.ts), a
 * checkout through the Stripe stand-in too, with its own thank-you page (its site's snippet); with a
 * `woocommerce` seller, a button to its checkout through the WooCommerce stand-in (its pages are its own).
 */
export function shopRoutes(
  deps: Deps,
  demo: DemoSite,
  stripe?: StripeSeller,
  woocommerce?: WooCommerceSeller,
): Hono {
  const app = new Hono();
  const inbox: { at: string; verified: boolean; body: string }[] = [];
  const item = (sku: string) => CATALOGUE.find((entry) => entry.sku === sku);
  const tag = (siteId = demo.siteId) =>
    deps.bundle ? snippet(deps.bundle, deps.config.publicUrl, siteId) : "<!-- npm run build -->";

  app.get("/", (c) => c.html(cataloguePage()));
  app.get("/p/:sku", (c) => {
    const found = item(c.req.param("sku"));
    const more = `${stripe ? testCardChoice() : ""}${woocommerce ? wooCommerceChoice() : ""}`;
    return found ? c.html(productPage(found, more)) : notFound();
  });
  app.get("/img/:file{[a-z0-9-]+\\.svg}", (c) => {
    const picture = pictureOf(c.req.param("file").replace(/\.svg$/, ""));
    if (!picture) return notFound();
    return c.body(picture, 200, {
      "content-type": "image/svg+xml",
      "cache-control": "public, max-age=3600",
    });
  });

  app.post("/checkout", async (c) => {
    const form = await c.req.parseBody();
    const found = item(String(form.sku ?? ""));
    if (!found?.front) return notFound();
    const email = String(form.email ?? "buyer@example.com").slice(0, 200);
    const woo = form.flavour !== "stripe";
    const secret = woo ? await deps.store.sites.secret(demo.siteId, "woocommerce") : demo.stripeSecret;
    const standIn = form.flavour === "stripe-stand-in" ? stripe : undefined;
    const checkout: Checkout = standIn
      ? standIn.checkout(found, email, String(form.card ?? ""))
      : woo
        ? wooCommerceCheckout(found, email, demo.siteId, secret ?? "")
        : stripeCheckout(found, email, demo.siteId, secret ?? "");
    // Over HTTP to our own port, as the platform would from its servers.
    const deliver = () =>
      fetch(`${deps.config.publicUrl}${checkout.delivery.path}`, {
        method: "POST",
        headers: checkout.delivery.headers,
        body: checkout.delivery.body,
      });
    if (form.late === "5") {
      // Real shops often send the webhook after the buyer is on the thank-you page: the widget waits for it.
      setTimeout(() => {
        deliver()
          .then((late) => {
            if (!late.ok)
              deps.logger.warn({ status: late.status }, "the demo's late order webhook was refused");
          })
          .catch((error: unknown) =>
            deps.logger.warn({ error: String(error) }, "the demo's late webhook failed"),
          );
      }, LATE_MS).unref();
      return c.redirect(checkout.thankYou, 303);
    }
    const response = await deliver();
    if (!response.ok)
      return c.html(
        layout("Payment failed", `<h1>The order could not be registered</h1><pre>${response.status}</pre>`),
        502,
      );
    return c.redirect(checkout.thankYou, 303);
  });

  app.get("/checkout/order-received/:id", (c) =>
    c.html(
      thankYouPage("Thank you. Your order has been received.", `Order number: ${c.req.param("id")}`, tag()),
    ),
  );
  app.get("/thanks", (c) =>
    c.html(thankYouPage("Thanks for your purchase!", "Your payment was successful.", tag())),
  );
  if (stripe) {
    app.get("/stripe/thanks", (c) =>
      c.html(thankYouPage("Thanks for your purchase!", "Your payment was successful.", tag(stripe.siteId))),
    );
  }

  app.post("/seller/webhook", async (c) => {
    const body = await c.req.text();
    // Each of the demo's sellers signs with its own secret.
    let verified = false;
    for (const siteId of [
      demo.siteId,
      ...(stripe ? [stripe.siteId] : []),
      ...(woocommerce ? [woocommerce.siteId] : []),
    ]) {
      const secret = await deps.store.sites.secret(siteId, "outbound");
      try {
        new Webhook(secret ?? "").verify(body, Object.fromEntries(c.req.raw.headers));
        verified = true;
      } catch {}
    }
    inbox.unshift({
      at: new Date().toISOString(),
      verified,
      body: JSON.stringify(JSON.parse(body), null, 2),
    });
    inbox.length = Math.min(inbox.length, 50);
    return c.body(null, verified ? 204 : 400);
  });
  app.get("/seller", (c) => c.html(sellerPage(inbox)));
  return app;
}
