import { randomBytes } from "node:crypto";
import { OfferInput, ProductInput, SiteInput } from "../../server/contract/index.ts";
import { sha256Hex } from "../../server/crypto.ts";
import { NO_PAYMENT } from "../../server/domain.ts";
import { openStore } from "../../server/store/open.ts";
import { testBox } from "../support/secrets.ts";

export const ORIGIN = "http://127.0.0.1";

export interface Claimable {
  /** The order as the thank-you page names it. */
  order: { source: "woocommerce"; id: string; key: string };
  session: { id: string; secret: string };
}

export interface Fixture {
  siteId: string;
  offerId: string;
  /** Orders already claimed: their browsers resume (the claim path minus the insert). */
  claimed: Claimable[];
  /** Orders not yet claimed, for browsers that arrive fresh. */
  fresh: { source: "woocommerce"; id: string; key: string }[];
}

/**
 * A shop with one funnel and many paid orders, written straight into the store before the server starts
 * (setting up through HTTP would take longer than the measurement). Orders are paid now, so their
 * 30-minute window is open for the whole run.
 */
export async function seed(
  databaseUrl: string,
  counts: { claimed: number; fresh: number },
  origin: string,
): Promise<Fixture> {
  const store = await openStore(databaseUrl, testBox());
  const now = Date.now();
  const site = await store.sites.create(
    SiteInput.parse({ name: "Bench shop", allowedOrigins: [origin], payments: "demo" }),
    {},
    now,
  );
  const fish = await store.products.create(
    site.id,
    ProductInput.parse({ sku: "fish", name: "Goldfish", price: 1200, currency: "EUR" }),
    now,
  );
  const tank = await store.products.create(
    site.id,
    ProductInput.parse({
      sku: "tank",
      name: "Aquarium kit",
      description: "Everything a goldfish needs.",
      price: 8900,
      currency: "EUR",
    }),
    now,
  );
  const offer = await store.offers.create(
    site.id,
    OfferInput.parse({
      name: "Tank",
      productId: tank.id,
      trigger: { products: [fish.id] },
      discount: { type: "percent", value: 25 },
    }),
    now,
  );
  const order = async (n: number) => {
    const key = `wc_order_${randomBytes(8).toString("hex")}`;
    await store.orders.ingest(
      { siteId: site.id, source: "woocommerce", deliveryId: `bench-${n}` },
      {
        siteId: site.id,
        source: "woocommerce",
        externalId: String(n),
        keyHash: sha256Hex(key),
        lines: [{ product: "fish", sku: "fish", quantity: 1, unitPrice: 1200 }],
        total: 1200,
        currency: "EUR",
        emailHash: null,
        status: "paid",
        paidAt: now,
        sourceUpdatedAt: now,
        ...NO_PAYMENT,
      },
      now,
    );
    return { source: "woocommerce" as const, id: String(n), key };
  };
  const claimed: Claimable[] = [];
  for (let n = 1; n <= counts.claimed; n++) {
    const reference = await order(n);
    const secret = randomBytes(32).toString("base64url");
    const stored = await store.orders.find(site.id, "woocommerce", reference.id);
    const { session } = await store.sessions.claim(
      {
        siteId: site.id,
        orderId: stored?.id ?? "",
        secretHash: sha256Hex(secret),
        expiresAt: now + 30 * 60_000,
      },
      now,
    );
    claimed.push({ order: reference, session: { id: session.id, secret } });
  }
  const fresh = [];
  for (let n = counts.claimed + 1; n <= counts.claimed + counts.fresh; n++) fresh.push(await order(n));
  await store.close();
  return { siteId: site.id, offerId: offer.id, claimed, fresh };
}
