import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, rmSync } from "node:fs";
import { OfferInput, ProductInput, SiteInput } from "../../server/contract/index.ts";
import { sha256Hex } from "../../server/crypto.ts";
import { NO_PAYMENT } from "../../server/domain.ts";
import { inputWith, showNext } from "../../server/sessions/context.ts";
import { openStore } from "../../server/store/open.ts";
import { testBox } from "../support/secrets.ts";

/** `count` calls of `make`, a few dozen at a time (PostgreSQL takes them on several connections). */
async function inBatches<T>(count: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  for (let start = 0; start < count; start += 40) {
    const batch = Array.from({ length: Math.min(40, count - start) }, (_, j) => make(start + j));
    made.push(...(await Promise.all(batch)));
  }
  return made;
}

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
  // A SQLite file on disk flushes each order written (synchronous=FULL): it is written in memory and copied.
  const file = databaseUrl.startsWith("sqlite:") ? databaseUrl.slice("sqlite:".length) : null;
  const scratch = file && existsSync("/dev/shm") ? `/dev/shm/aq-bench-seed-${process.pid}.db` : null;
  const store = await openStore(scratch ? `sqlite:${scratch}` : databaseUrl, testBox());
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
  const config = await store.config(site.id);
  if (!config) throw new Error("the bench's site cannot be read back");
  const buyer = async (n: number): Promise<Claimable> => {
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
    // Shown its offer, as the browser's first claim did: a resumed claim reads it, a decision decides it.
    if (stored) await showNext(store, session, inputWith({ session, config, order: stored }, [], now), now);
    return { order: reference, session: { id: session.id, secret } };
  };
  const claimed = await inBatches(counts.claimed, (i) => buyer(i + 1));
  const fresh = await inBatches(counts.fresh, (i) => order(counts.claimed + i + 1));
  await store.close();
  if (file && scratch) {
    copyFileSync(scratch, file);
    rmSync(scratch);
  }
  return { siteId: site.id, offerId: offer.id, claimed, fresh };
}
