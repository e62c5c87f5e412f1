import { generateSecret } from "../server/admin/secrets.ts";
import { OfferInput, ProductInput, SiteInput } from "../server/contract/index.ts";
import type { Store } from "../server/store/store.ts";

/** Front-end products and the back-end complements a buyer of each is likeliest to want next. */
const CATALOGUE = [
  {
    sku: "goldfish",
    name: "Goldfish",
    description: "A healthy fancy goldfish, shipped in oxygenated water.",
    price: 1200,
    tags: ["fish"],
  },
  {
    sku: "aquarium-60",
    name: "60 L aquarium kit",
    description: "Glass tank, LED lid, filter and heater: everything a goldfish needs.",
    price: 8900,
    tags: ["aquarium"],
  },
  {
    sku: "water-care",
    name: "Water care set",
    description: "Conditioner and test strips for three months.",
    price: 1900,
    tags: ["aquarium"],
  },
  {
    sku: "printer",
    name: "Inkjet printer",
    description: "A quiet colour printer for home and office.",
    price: 12900,
    tags: ["printer"],
  },
  {
    sku: "ink-xl",
    name: "XL ink cartridges",
    description: "Four colours, twice the pages of standard cartridges.",
    price: 4900,
    tags: ["ink"],
  },
  {
    sku: "razor",
    name: "Safety razor",
    description: "A steel safety razor that lasts a lifetime.",
    price: 3500,
    tags: ["razor"],
  },
  {
    sku: "blades-100",
    name: "100 razor blades",
    description: "A year of close shaves.",
    price: 1500,
    tags: ["blades"],
  },
  {
    sku: "ebook-website",
    name: "E-book: Build your website",
    description: "From an idea to a site you own, in a weekend.",
    price: 1900,
    tags: ["ebook"],
  },
  {
    sku: "hosting-year",
    name: "One year of web hosting",
    description: "Fast hosting with a free domain for your new site.",
    price: 6000,
    tags: ["hosting"],
  },
] as const;

/** Which product, when bought, makes which complement worth offering: the upsell, then its downsell. */
const FUNNELS = [
  { trigger: "goldfish", offer: "aquarium-60", percent: 25, downsell: "water-care", downsellPercent: 20 },
  { trigger: "printer", offer: "ink-xl", percent: 30 },
  { trigger: "razor", offer: "blades-100", percent: 20 },
  { trigger: "ebook-website", offer: "hosting-year", percent: 40 },
] as const;

/** Seeds a demo site once; an already seeded store is left as it is. Returns the site and any new secrets. */
export async function seedDemo(store: Store, origin: string, now: number) {
  const existing = (await store.sites.list()).find((site) => site.name === "Aquarium demo shop");
  if (existing) return { site: existing, secrets: null };

  const secrets = {
    woocommerce: generateSecret("woocommerce"),
    orders: generateSecret("orders"),
    token: generateSecret("token"),
    outbound: generateSecret("outbound"),
  };
  const site = await store.sites.create(
    SiteInput.parse({ name: "Aquarium demo shop", allowedOrigins: [origin] }),
    secrets,
    now,
  );
  const bySku = new Map<string, string>();
  for (const item of CATALOGUE) {
    const product = await store.products.create(
      site.id,
      ProductInput.parse({ ...item, currency: "EUR" }),
      now,
    );
    bySku.set(item.sku, product.id);
  }
  const id = (sku: string) => bySku.get(sku) as string;
  for (const funnel of FUNNELS) {
    const downsell =
      "downsell" in funnel
        ? await store.offers.create(
            site.id,
            OfferInput.parse({
              name: `${funnel.downsell} after declining ${funnel.offer}`,
              productId: id(funnel.downsell),
              trigger: { products: [id(funnel.trigger)] },
              discount: { type: "percent", value: funnel.downsellPercent },
              priority: -1,
            }),
            now,
          )
        : null;
    await store.offers.create(
      site.id,
      OfferInput.parse({
        name: `${funnel.offer} for ${funnel.trigger} buyers`,
        productId: id(funnel.offer),
        trigger: { products: [id(funnel.trigger)] },
        discount: { type: "percent", value: funnel.percent },
        quantityMax: 3,
        priority: 10,
        downsellId: downsell?.id ?? null,
      }),
      now,
    );
  }
  return { site, secrets };
}
