import * as z from "zod/mini";
import { OfferId, ProductId, SessionId } from "./ids.ts";
import { Currency, Minor } from "./money.ts";
import { PaymentProvider, PaymentStatus } from "./payment.ts";

/*
 * The server's answers to the widget as the widget reads them, and the schemas the full answers extend
 * (answers.ts): each field is written once, here. What the widget leaves out it never shows: the panel shows
 * the server's prices and never computes one from the offer's discount terms, whose discriminated union would
 * cost the widget 0.9 KB of its 20 KB; an error's `fields` are for a seller's form.
 */

/** An offer as the buyer sees it, priced by the server: `Offer` but for its discount terms. */
export const WidgetOffer = z.object({
  id: OfferId,
  /** The seller's title for the offer, or the product's name. */
  title: z.string(),
  /** The product's own name, kept in sight under a title of the seller's (absent from offers shown before). */
  productName: z.optional(z.string()),
  description: z.string(),
  image: z.nullable(z.string()),
  product: ProductId,
  regularPrice: Minor,
  price: Minor,
  currency: Currency,
  quantityMax: z.int().check(z.minimum(1)),
  expiresAt: z.string(),
  /** 1 for the first offer of the order, 2 and 3 for the steps of its funnel. */
  step: z.int().check(z.minimum(1), z.maximum(3)),
});
export type WidgetOffer = z.infer<typeof WidgetOffer>;

/** What became of an offer the buyer answered, read by the widget in full. */
export const Decision = z.object({
  id: z.string(),
  offer: OfferId,
  /** The offer's title as the buyer saw it: what the receipt says was added (absent from decisions made before). */
  title: z.optional(z.string()),
  productName: z.optional(z.string()),
  action: z.enum(["accept", "decline"]),
  status: z.enum(["accepted", "declined"]),
  quantity: z.int(),
  amount: Minor,
  currency: Currency,
  payment: z.optional(
    z.object({
      provider: PaymentProvider,
      status: PaymentStatus,
      /** Where the buyer finishes the payment: their bank's confirmation, or a pay link. */
      actionUrl: z.optional(z.string()),
      /** The pay link as a QR code (SVG), to pay on a phone. */
      qrSvg: z.optional(z.string()),
      /** How much of it was refunded, in minor units. */
      refunded: z.optional(Minor),
    }),
  ),
});
export type Decision = z.infer<typeof Decision>;

/**
 * What the buyer added to their order in this session, each with its payment as it stands now (paid, to
 * confirm with their bank, to pay at a link, billed by the seller, failed, refunded): the panel's receipt,
 * there again after a reload.
 */
export const ReceiptLine = Decision;
export type ReceiptLine = z.infer<typeof ReceiptLine>;

/**
 * How the panel looks, set per site in the admin and sent with each session's answer, so a seller restyles
 * it without touching the snippet (a `data-theme` or `data-locale` on the snippet still wins). The accent is
 * the accept button's background under white text; the admin refuses one under 4.5:1 against white.
 */
export const Appearance = z.object({
  theme: z.enum(["light", "dark", "auto"]),
  accent: z.string().check(z.regex(/^#[0-9a-f]{6}$/)),
  /** Corner radius in CSS pixels. */
  radius: z.int().check(z.minimum(0), z.maximum(24)),
  font: z.enum(["system", "serif", "rounded", "mono"]),
  /** The panel's language when the snippet names none; null: the buyer's browser's. */
  locale: z.nullable(z.enum(["en", "de", "fr", "es", "it", "pl"])),
});
export type Appearance = z.infer<typeof Appearance>;

/** `SessionResponse` as the widget reads it. */
export const WidgetSessionResponse = z.object({
  session: z.object({ id: SessionId, expiresAt: z.string() }),
  offer: z.nullable(WidgetOffer),
  /** Read line by line (`receiptOf` in the widget): a line the widget cannot read is left out, not the answer. */
  receipt: z.optional(z.unknown()),
  appearance: z.optional(Appearance),
});

/** `DecisionResponse` as the widget reads it. */
export const WidgetDecisionResponse = z.object({ decision: Decision, next: z.nullable(WidgetOffer) });

/**
 * `ErrorEnvelope` (error.ts) but for its `fields`, which say what a seller's form got wrong: the widget sends
 * no form, and reads only the code. Written out rather than derived: `ErrorEnvelope`'s record of fields would
 * bring zod's record schema into the widget.
 */
export const WidgetError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
