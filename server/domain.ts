import type {
  DecisionResponse,
  Offer,
  OfferConfig,
  OrderLine,
  OrderSource,
  OrderStatus,
  PaymentProvider,
  PaymentStatus,
  Product,
  Site,
} from "./contract/index.ts";

/*
 * The server's own nouns, defined once: the use cases speak them, the store persists them, and neither
 * owns them. Times are epoch milliseconds, UTC.
 */

/** An order as Aquarium keeps it, whatever platform it came from. */
export interface Order {
  id: string;
  siteId: string;
  source: OrderSource;
  /** The platform's own id: WooCommerce order id, Stripe checkout session id, generic id, token subject. */
  externalId: string;
  /** SHA-256 of the secret the thank-you page carries (WooCommerce order key, generic ref), if any. */
  keyHash: string | null;
  lines: OrderLine[];
  total: number;
  currency: string;
  emailHash: string | null;
  status: OrderStatus;
  paidAt: number;
  /** The platform's own modification time, so a late, older delivery cannot undo a newer one. */
  sourceUpdatedAt: number;
  createdAt: number;
}
export type NewOrder = Omit<Order, "id" | "createdAt">;

/** A site with its catalogue and offers: what the widget's routes read on every request. */
export interface SiteConfig {
  site: Site;
  products: Product[];
  offers: OfferConfig[];
}

/** A browser's claim on an order's offers; its secret is kept only as a hash. */
export interface Session {
  id: string;
  siteId: string;
  orderId: string;
  secretHash: string;
  expiresAt: number;
  createdAt: number;
}

/**
 * What became of an offer shown: null while it is open; `pending` while an accept's charge is in flight;
 * `failed` when the payment failed (the funnel then goes on as after a decline).
 */
export type Outcome = "accepted" | "declined" | "failed" | "pending" | null;

/** One offer a session was shown, in order: exactly what the buyer saw, and what became of it. */
export interface Step {
  offerId: string;
  /** The offer as shown (price, product, quantity limit); null for impressions older than snapshots. */
  shown: Offer | null;
  outcome: Outcome;
}

/** A decision as kept: the one that won for its offer. */
export interface DecisionRecord {
  id: string;
  sessionId: string;
  siteId: string;
  offerId: string;
  action: "accept" | "decline";
  quantity: number;
  /** Shown price × quantity for an accept, 0 for a decline; in minor units of `currency`. */
  amount: number;
  currency: string;
  idempotencyKey: string;
  /** A fingerprint of the request, so a key reused for another request is told apart from a retry. */
  requestHash: string;
  /** The answer, replayed as it is to any retry with the same key (final once settled). */
  response: DecisionResponse;
  /** False while an accept's charge is in flight (written before the charge, settled after). */
  settled: boolean;
  createdAt: number;
}

/** A message to the seller's webhook, written to the outbox in the same transaction as what it reports. */
export interface OutboundEvent {
  type: string;
  payload: unknown;
}

/** A decision to record. A decline is final at once; an accept is recorded with its payment to be made. */
export interface NewDecision extends Omit<DecisionRecord, "settled" | "createdAt"> {
  /** For an accept: who charges, and the idempotency key the provider gets (derived from the decision). */
  payment: { provider: PaymentProvider; key: string } | null;
  /** For a decline: the funnel's next offer (recorded as shown) and the seller's event, in the same transaction. */
  next: Offer | null;
  event: OutboundEvent | null;
}

/** What an accept's charge came to, recorded with the funnel's next offer and the seller's event. */
export interface Settlement {
  decisionId: string;
  payment: { status: PaymentStatus; reference: string; actionUrl: string | null };
  response: DecisionResponse;
  next: Offer | null;
  event: OutboundEvent;
}
