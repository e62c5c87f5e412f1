import * as z from "zod/mini";
import { contrastRatio, MIN_CONTRAST, readableAccent, readableUnderWhite } from "./contrast.ts";
import { KnownCurrency } from "./currencies.ts";
import { Discount } from "./discount.ts";
import { OfferId, ProductId, SiteId } from "./ids.ts";
import { Currency, Minor } from "./money.ts";
import { PaymentProvider } from "./payment.ts";
import { Appearance } from "./widget.ts";

const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** An http(s) URL; hosts may be names or addresses (a seller's own server, a local demo). */
export const HttpUrl = z.url({ protocol: /^https?$/, normalize: true });

/** An origin exactly as browsers send it in `Origin`: scheme, host and port, no path. */
export const Origin = z.string().check(
  z.refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value;
    } catch {
      return false;
    }
  }, "must be an origin like https://shop.example (scheme, host and port, no path)"),
);

/** The panel as it looked before sellers could choose: the buyer's own light or dark, the house green. */
export const DEFAULT_APPEARANCE: Appearance = {
  theme: "auto",
  accent: "#0b6e4f",
  radius: 10,
  font: "system",
  locale: null,
};

/**
 * The accent a seller picks (`#RRGGBB`, any case): white text on it must stay readable, else it is refused with
 * the nearest darker accent that is.
 */
const AccentInput = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.regex(/^#[0-9a-f]{6}$/, "must be a colour like #0b6e4f"),
  z.refine((accent) => !/^#[0-9a-f]{6}$/.test(accent) || readableUnderWhite(accent), {
    error: (issue) => {
      const accent = String(issue.input);
      const ratio = contrastRatio(accent, "#ffffff").toFixed(2);
      return `is too light for the white text on the accept button (${ratio}:1, needs ${MIN_CONTRAST}:1): try ${readableAccent(accent)}, the nearest darker colour that is readable`;
    },
  }),
);
/** The panel's look as a seller sets it: the contract's `Appearance`, every field checked for a seller. */
export const AppearanceInput = z.strictObject({ ...Appearance.shape, accent: AccentInput });
export type AppearanceInput = z.infer<typeof AppearanceInput>;

const siteFields = {
  name: Text(100),
  allowedOrigins: z.array(Origin).check(z.maxLength(20)),
  /** How long after payment the offer may be shown. */
  offerWindowMinutes: z.int().check(z.minimum(1), z.maximum(24 * 60)),
  /** Where decisions are sent, signed per Standard Webhooks. */
  webhookUrl: z.nullable(HttpUrl),
  /** Who settles an accepted offer: `manual` (the seller bills, told by webhook) or `demo` (settles at once). */
  payments: PaymentProvider,
  /** How the panel looks on the seller's page, sent to the widget with each offer. */
  appearance: AppearanceInput,
};
export const SiteInput = z.strictObject({
  ...siteFields,
  allowedOrigins: z._default(siteFields.allowedOrigins, []),
  offerWindowMinutes: z._default(siteFields.offerWindowMinutes, 30),
  webhookUrl: z._default(siteFields.webhookUrl, null),
  payments: z._default(siteFields.payments, "manual"),
  appearance: z._default(AppearanceInput, DEFAULT_APPEARANCE),
});
export type SiteInput = z.infer<typeof SiteInput>;
/**
 * A change to some fields: absent fields stay as they are (no defaults here); so do the absent fields of
 * `appearance` (`{ "appearance": { "accent": "#7a2e8c" } }` changes the accent alone).
 */
export const SitePatch = z.partial(z.strictObject({ ...siteFields, appearance: z.partial(AppearanceInput) }));
export type SitePatch = z.infer<typeof SitePatch>;

/**
 * Secrets a site holds. All but `stripe` are made by Aquarium; Stripe's `whsec_…` is pasted by the seller.
 * `owner` is the site owner's admin login: only its hash is kept.
 */
export const SecretKind = z.enum([
  "woocommerce",
  "stripe",
  "stripe-api-key",
  "woocommerce-api",
  "orders",
  "token",
  "outbound",
  "owner",
]);
export type SecretKind = z.infer<typeof SecretKind>;
/** Secrets the seller brings from elsewhere (Stripe's endpoint secret, their Stripe API key): set, never answered. */
export const BROUGHT_SECRETS = [
  "stripe",
  "stripe-api-key",
  "woocommerce-api",
] as const satisfies SecretKind[];
export type BroughtSecret = (typeof BROUGHT_SECRETS)[number];
export const GENERATED_SECRETS = [
  "woocommerce",
  "orders",
  "token",
  "outbound",
  "owner",
] as const satisfies SecretKind[];
/** The seller's Stripe API key: a restricted key (`rk_…`) is recommended; see README for its permissions. */
export const StripeApiKeyInput = z.strictObject({
  secret: z
    .string()
    .check(
      z.regex(
        /^(rk|sk)_(test|live)_[A-Za-z0-9]{10,250}$/,
        "must be a Stripe API key, rk_… (restricted) or sk_…",
      ),
    ),
});
/**
 * The shop's WooCommerce REST API connection (WooCommerce → Settings → Advanced → REST API, read/write):
 * its address, and the key's two halves. Kept sealed, never answered back.
 */
export const WooCommerceApiInput = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).check(z.maxLength(500)),
  key: z.string().check(z.regex(/^ck_[A-Za-z0-9]{20,80}$/, "must be the REST API consumer key, ck_…")),
  secret: z.string().check(z.regex(/^cs_[A-Za-z0-9]{20,80}$/, "must be the REST API consumer secret, cs_…")),
});
export type WooCommerceApiInput = z.infer<typeof WooCommerceApiInput>;
export const StripeSecretInput = z.strictObject({
  secret: z
    .string()
    .check(z.regex(/^whsec_[A-Za-z0-9]{8,200}$/, "must be Stripe's endpoint secret, whsec_…")),
});

export const Site = z.object({
  id: SiteId,
  name: z.string(),
  allowedOrigins: z.array(z.string()),
  offerWindowMinutes: z.int(),
  webhookUrl: z.nullable(z.string()),
  payments: PaymentProvider,
  appearance: Appearance,
  /** Which secrets are set; their values are only ever returned once, when made. */
  secrets: z.record(SecretKind, z.boolean()),
  createdAt: z.string(),
});
export type Site = z.infer<typeof Site>;

const Tag = z.string().check(z.trim(), z.toLowerCase(), z.minLength(1), z.maxLength(50));

const productFields = {
  /** Matched against the order lines' product id or SKU, so an order's products are recognised. */
  sku: Text(200),
  name: Text(200),
  description: z.string().check(z.trim(), z.maxLength(2000)),
  imageUrl: z.nullable(HttpUrl),
  price: Minor,
  currency: KnownCurrency,
  tags: z.array(Tag).check(z.maxLength(20)),
};
export const ProductInput = z.strictObject({
  ...productFields,
  description: z._default(productFields.description, ""),
  imageUrl: z._default(productFields.imageUrl, null),
  tags: z._default(productFields.tags, []),
});
export type ProductInput = z.infer<typeof ProductInput>;
export const ProductPatch = z.partial(z.strictObject(productFields));
export type ProductPatch = z.infer<typeof ProductPatch>;

export const Product = z.object({
  id: ProductId,
  siteId: SiteId,
  ...ProductInput.shape,
  // As stored: a product saved before currencies were checked against ISO 4217 is still read.
  currency: Currency,
  createdAt: z.string(),
});
export type Product = z.infer<typeof Product>;

/** What in an order makes the offer apply; every condition given must hold. */
export const Trigger = z.strictObject({
  products: z._default(z.array(ProductId).check(z.maxLength(100)), []),
  tags: z._default(z.array(Tag).check(z.maxLength(20)), []),
  minTotal: z._default(z.nullable(Minor), null),
  currency: z._default(z.nullable(KnownCurrency), null),
});
export type Trigger = z.infer<typeof Trigger>;

/** A buyer sees at most this many offers per order: the first, and at most two more steps of its funnel. */
export const MAX_OFFERS_PER_ORDER = 3;

const offerFields = {
  name: Text(100),
  productId: ProductId,
  /** What the buyer reads; the product's name and description when absent. */
  title: z.nullable(Text(200)),
  description: z.nullable(z.string().check(z.trim(), z.maxLength(2000))),
  trigger: Trigger,
  discount: Discount,
  /** The most units one buyer may take. */
  quantityMax: z.int().check(z.minimum(1), z.maximum(100)),
  /** Higher first. */
  priority: z.int().check(z.minimum(-1000), z.maximum(1000)),
  active: z.boolean(),
  /** Shown when this offer is declined. */
  downsellId: z.nullable(OfferId),
  /** Shown when this offer is accepted. */
  nextId: z.nullable(OfferId),
  /** Only ever shown as another offer's downsell or next step, never as an order's first offer. */
  funnelOnly: z.boolean(),
};
export const OfferInput = z.strictObject({
  ...offerFields,
  title: z._default(offerFields.title, null),
  description: z._default(offerFields.description, null),
  trigger: z._default(Trigger, { products: [], tags: [], minTotal: null, currency: null }),
  quantityMax: z._default(offerFields.quantityMax, 1),
  priority: z._default(offerFields.priority, 0),
  active: z._default(offerFields.active, true),
  downsellId: z._default(offerFields.downsellId, null),
  nextId: z._default(offerFields.nextId, null),
  funnelOnly: z._default(offerFields.funnelOnly, false),
});
export type OfferInput = z.infer<typeof OfferInput>;
export const OfferPatch = z.partial(z.strictObject(offerFields));
export type OfferPatch = z.infer<typeof OfferPatch>;

export const OfferConfig = z.object({
  id: OfferId,
  siteId: SiteId,
  ...OfferInput.shape,
  createdAt: z.string(),
});
export type OfferConfig = z.infer<typeof OfferConfig>;

export const LoginInput = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(500)) });
