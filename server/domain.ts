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
  /**
   * What it takes to charge the buyer again, where the platform keeps it (Stripe): their customer, and the
   * payment method saved for off-session use (null when none was saved); and the order's own payment (a
   * PaymentIntent), so its refund is recognised. Never sent to a browser, a log or a webhook body.
   */
  paymentCustomer: string | null;
  paymentMethod: string | null;
  paymentReference: string | null;
  /** Made by the admin's "Send a test order": offered like any other, never counted, never charged. */
  test: boolean;
  createdAt: number;
}
/** An order to store; only the admin's test orders say `test` (no platform's webhook can). */
export type NewOrder = Omit<Order, "id" | "createdAt" | "test"> & { test?: boolean };

/** An order from a platform that keeps nothing to charge its buyer again with. */
export const NO_PAYMENT = { paymentCustomer: null, paymentMethod: null, paymentReference: null } as const;

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
  /**
   * For an accept: who charges, the idempotency key the provider gets (derived from the decision), and the
   * thank-you page the buyer comes back to from the provider's pages (on one of the site's origins).
   */
  payment: {
    provider: PaymentProvider;
    key: string;
    returnTo: string | null;
    instrument: Instrument | null;
  } | null;
  /** For a decline: the funnel's next offer (recorded as shown) and the seller's event, in the same transaction. */
  next: Offer | null;
  event: OutboundEvent | null;
}

/** What it takes to charge a buyer again without them: a customer and the payment method they saved. */
export interface Instrument {
  customer: string;
  method: string;
}

/** A payment as kept, beside its decision. */
export interface PaymentRecord {
  decisionId: string;
  siteId: string;
  provider: PaymentProvider;
  amount: number;
  currency: string;
  status: PaymentStatus;
  refunded: number;
  reference: string;
  providerPayment: string | null;
  actionUrl: string | null;
  returnTo: string | null;
}

/** A payment moving on (paid, failed, refunded), and the seller's event that says so, recorded together. */
export interface PaymentChange {
  decisionId: string;
  /** Only from these statuses (a state machine: each change happens once, however often it is reported). */
  from: PaymentStatus[];
  to: PaymentStatus;
  refunded?: number;
  providerPayment?: string | null;
  event: OutboundEvent;
}

/** What an accept's charge came to, recorded with the funnel's next offer and the seller's event. */
export interface Settlement {
  decisionId: string;
  payment: {
    status: PaymentStatus;
    reference: string;
    actionUrl: string | null;
    providerPayment: string | null;
  };
  response: DecisionResponse;
  next: Offer | null;
  event: OutboundEvent;
}
