import { generateSecret, storedSecret } from "../server/admin/secrets.ts";
import {
  GENERATED_SECRETS,
  OfferInput,
  type PaymentProvider,
  ProductInput,
  SiteInput,
} from "../server/contract/index.ts";
import { randomSecret } from "../server/crypto.ts";
import type { Store } from "../server/store/store.ts";

export const DEMO_SITE_NAME = "Aquarium demo shop";

/** Front-end products (`front`) and the back-end complements a buyer of each is likeliest to want next. */
export const CATALOGUE = [
  {
    sku: "goldfish",
    name: "Goldfish",
    price: 1200,
    front: true,
    tags: ["pets"],
    description: "A healthy fancy goldfish, shipped in oxygenated water.",
  },
  {
    sku: "aquarium-60",
    name: "60 L aquarium kit",
    price: 8900,
    front: false,
    tags: ["aquarium"],
    description: "Glass tank, LED lid, filter and heater: everything a goldfish needs to thrive.",
  },
  {
    sku: "water-care",
    name: "Water care set",
    price: 1900,
    front: false,
    tags: ["aquarium"],
    description: "Conditioner and test strips for three months of clear water.",
  },
  {
    sku: "goldfish-food",
    name: "Goldfish food, 3 months",
    price: 900,
    front: false,
    tags: ["aquarium"],
    description: "Balanced flakes for a healthy goldfish, enough for three months.",
  },
  {
    sku: "printer",
    name: "Inkjet printer",
    price: 12900,
    front: true,
    tags: ["office"],
    description: "A quiet colour printer for home and office.",
  },
  {
    sku: "ink-xl",
    name: "XL ink cartridges",
    price: 4900,
    front: false,
    tags: ["office"],
    description: "Four colours, twice the pages of standard cartridges.",
  },
  {
    sku: "razor",
    name: "Safety razor",
    price: 3500,
    front: true,
    tags: ["shaving"],
    description: "A steel safety razor that lasts a lifetime.",
  },
  {
    sku: "blades-100",
    name: "100 razor blades",
    price: 1500,
    front: false,
    tags: ["shaving"],
    description: "A year of close shaves, in one small box.",
  },
  {
    sku: "ebook-website",
    name: "E-book: Build your website",
    price: 1900,
    front: true,
    tags: ["web"],
    description: "From an idea to a site you own, in a weekend.",
  },
  {
    sku: "hosting-year",
    name: "One year of web hosting",
    price: 6000,
    front: false,
    tags: ["web"],
    description: "Fast hosting with a free domain, ready for the site your e-book helps you build.",
  },
] as const;

/**
 * Which front-end product triggers which complement: the upsell, the downsell shown if it is declined, and the next
 * upsell shown if it is accepted (so a buyer of the demo sees the funnel move on at once).
 */
const FUNNELS = [
  {
    trigger: "goldfish",
    offer: "aquarium-60",
    percent: 25,
    downsell: {
      sku: "water-care",
      percent: 20,
      title: "Start with clean water",
      text: "Not ready for a tank? Keep the water healthy with this set, 20% off.",
    },
    next: {
      sku: "goldfish-food",
      percent: 15,
      title: "Something to eat in the new home",
      text: "Three months of goldfish food for the new aquarium, 15% off.",
    },
    title: "Give your goldfish a home: the 60 L aquarium kit",
    text: "Your goldfish arrives in a bag. This kit is all it needs, 25% off, today only.",
  },
  {
    trigger: "printer",
    offer: "ink-xl",
    percent: 30,
    title: "Never run out of ink",
    text: "XL cartridges for the printer you just bought, 30% off.",
  },
  {
    trigger: "razor",
    offer: "blades-100",
    percent: 20,
    title: "A year of blades",
    text: "The blades that fit your new razor, 20% off.",
  },
  {
    trigger: "ebook-website",
    offer: "hosting-year",
    percent: 40,
    title: "Put your website online",
    text: "A year of hosting for the site you are about to build, 40% off.",
  },
] as const;

export interface DemoSite {
  siteId: string;
  /** A Stripe endpoint secret of the demo's own making: the demo signs its Stripe-shaped events with it. */
  stripeSecret: string;
  /** The site owner's login, shown once, when the demo seeds. */
  ownerToken: string | null;
}

/**
 * Seeds the demo site once: catalogue, funnels, secrets. A seeded store is found and left as it is. Another
 * `name` seeds another site with the same catalogue and funnels, paid with `payments` (the Stripe seller).
 */
export async function seedDemo(
  store: Store,
  publicUrl: string,
  now: number,
  { name: siteName = DEMO_SITE_NAME, payments = "demo" }: { name?: string; payments?: PaymentProvider } = {},
): Promise<DemoSite> {
  const existing = (await store.sites.list()).find((site) => site.name === siteName);
  if (existing) {
    return {
      siteId: existing.id,
      stripeSecret: (await store.sites.secret(existing.id, "stripe")) ?? "",
      ownerToken: null,
    };
  }

  const secrets = Object.fromEntries(GENERATED_SECRETS.map((kind) => [kind, generateSecret(kind)]));
  const stripeSecret = `whsec_${randomSecret().replace(/[-_]/g, "")}`;
  const site = await store.sites.create(
    SiteInput.parse({
      name: siteName,
      allowedOrigins: [new URL(publicUrl).origin],
      payments,
      webhookUrl: `${publicUrl}/shop/seller/webhook`,
    }),
    {
      ...Object.fromEntries(
        GENERATED_SECRETS.map((kind) => [kind, storedSecret(kind, secrets[kind] as string)]),
      ),
      stripe: stripeSecret,
    },
    now,
  );
  const ids = new Map<string, string>();
  for (const { front: _front, ...item } of CATALOGUE) {
    const product = await store.products.create(
      site.id,
      ProductInput.parse({ ...item, currency: "EUR", imageUrl: `${publicUrl}/shop/img/${item.sku}.svg` }),
      now,
    );
    ids.set(item.sku, product.id);
  }
  const id = (sku: string) => ids.get(sku) as string;
  const name = (sku: string) => CATALOGUE.find((item) => item.sku === sku)?.name ?? sku;
  /** A step of a funnel (its downsell or next upsell): shown after an answer, never as an order's first offer. */
  const step = (
    funnel: (typeof FUNNELS)[number],
    offer: { sku: string; percent: number; title: string; text: string },
    offerName: string,
  ) =>
    store.offers.create(
      site.id,
      OfferInput.parse({
        name: offerName,
        productId: id(offer.sku),
        title: offer.title,
        description: offer.text,
        trigger: { products: [id(funnel.trigger)] },
        discount: { type: "percent", value: offer.percent },
        funnelOnly: true,
      }),
      now,
    );
  for (const funnel of FUNNELS) {
    const offer = name(funnel.offer);
    const downsell =
      "downsell" in funnel
        ? await step(funnel, funnel.downsell, `${name(funnel.downsell.sku)}, if the ${offer} is declined`)
        : null;
    const next =
      "next" in funnel
        ? await step(funnel, funnel.next, `${name(funnel.next.sku)}, after the ${offer}`)
        : null;
    await store.offers.create(
      site.id,
      OfferInput.parse({
        name: `${name(funnel.offer)} for ${name(funnel.trigger)} buyers`,
        productId: id(funnel.offer),
        title: funnel.title,
        description: funnel.text,
        trigger: { products: [id(funnel.trigger)] },
        discount: { type: "percent", value: funnel.percent },
        quantityMax: 3,
        priority: 10,
        downsellId: downsell?.id ?? null,
        nextId: next?.id ?? null,
      }),
      now,
    );
  }
  return { siteId: site.id, stripeSecret, ownerToken: secrets.owner as string };
}
