import type {
  DeletedOffer,
  DeletedProduct,
  FunnelLink,
  Offer,
  OfferConfig,
  OfferInput,
  OfferPatch,
  OrderSource,
  PaymentStatus,
  Product,
  ProductInput,
  ProductPatch,
  SecretKind,
  Site,
  SiteInput,
  SitePatch,
} from "../contract/index.ts";
import type {
  DecisionRecord,
  Instrument,
  NewDecision,
  NewOrder,
  Order,
  PaymentChange,
  Session,
  Settlement,
  SiteConfig,
  Step,
} from "../domain.ts";
import type { Counters } from "../rate-limit.ts";
import type { CockpitLogStore } from "./cockpit-log.ts";

/** A webhook delivery's identity: the same one twice is a replay, acknowledged and not stored again. */
export interface Delivery {
  siteId: string;
  source: OrderSource;
  deliveryId: string;
}

export type IngestResult = "stored" | "duplicate" | "stale";

export interface SiteStore {
  create(input: SiteInput, secrets: Partial<Record<SecretKind, string>>, now: number): Promise<Site>;
  get(id: string): Promise<Site | null>;
  list(): Promise<Site[]>;
  update(id: string, patch: SitePatch, now: number): Promise<Site | null>;
  remove(id: string): Promise<boolean>;
  setSecret(id: string, kind: SecretKind, value: string, now: number): Promise<boolean>;
  /** The secret of this kind, opened (kept sealed with SECRET_KEY, or hashed for kinds only ever compared). */
  secret(id: string, kind: SecretKind): Promise<string | null>;
  /** Seals again, with the current key, every secret sealed with an older one or stored before sealing. */
  reseal(): Promise<number>;
  /** The site whose secret of this kind has this value (owner tokens are looked up by their hash). */
  bySecret(kind: SecretKind, value: string): Promise<string | null>;
}

/**
 * A site's catalogue. Deleted products are kept aside (restorable) until purged: only `deleted`, `restore` and
 * `purge` see them; for everything else, the engine included, they are gone.
 */
export interface ProductStore {
  /**
   * A new product; or, when a deleted product of the site has this SKU, that product back with these values (a
   * SKU is one product of the shop, and the seller who deleted it now wants it again).
   */
  create(siteId: string, input: ProductInput, now: number): Promise<Product>;
  get(siteId: string, id: string): Promise<Product | null>;
  list(siteId: string): Promise<Product[]>;
  update(siteId: string, id: string, patch: ProductPatch, now: number): Promise<Product | null>;
  /** Sets the product aside, restorable until purged; false when there is no such product. */
  remove(siteId: string, id: string, now: number): Promise<boolean>;
  /** Brings a deleted product back; null when there is no such deleted product. */
  restore(siteId: string, id: string, now: number): Promise<Product | null>;
  /** The site's deleted products, last deleted first. */
  deleted(siteId: string): Promise<DeletedProduct[]>;
  /** Purges, on every site, the products deleted before `before` that no offer (even a deleted one) offers. */
  purge(before: number): Promise<number>;
}

/** What deleting an offer did: set it aside, or nothing, because these offers lead to it (`detach` not asked). */
export type OfferRemoval = { removed: true } | { removed: false; usedBy: FunnelLink[] } | null;

export interface OfferStore {
  create(siteId: string, input: OfferInput, now: number): Promise<OfferConfig>;
  get(siteId: string, id: string): Promise<OfferConfig | null>;
  list(siteId: string): Promise<OfferConfig[]>;
  update(siteId: string, id: string, patch: OfferPatch, now: number): Promise<OfferConfig | null>;
  /**
   * Sets the offer aside, restorable until purged, unless other offers lead to it as a funnel step: then, with
   * `detach`, those steps are unlinked (and remembered, to link them again on restore), else nothing changes
   * and they are answered. Null when there is no such offer. One transaction.
   */
  remove(siteId: string, id: string, now: number, options: { detach: boolean }): Promise<OfferRemoval>;
  /** Brings a deleted offer back, with the steps its deletion unlinked where they are still free. */
  restore(siteId: string, id: string, now: number): Promise<OfferConfig | null>;
  /** The site's deleted offers, last deleted first. */
  deleted(siteId: string): Promise<DeletedOffer[]>;
  /** Purges, on every site, the offers deleted before `before`; steps that still lead to them lead nowhere. */
  purge(before: number): Promise<number>;
}

export interface OrderStore {
  /** Records the delivery and, unless it was seen before or is older than what is stored, the order. One transaction. */
  ingest(delivery: Delivery, order: NewOrder | null, now: number): Promise<IngestResult>;
  /** Stores the order if it is new (signed order tokens); returns what is stored either way. */
  register(order: NewOrder, now: number): Promise<Order>;
  find(siteId: string, source: OrderSource, externalId: string): Promise<Order | null>;
  /** The order whose own payment (a PaymentIntent) was refunded is refunded: its offers end. False if none is. */
  refundByPayment(siteId: string, paymentReference: string, now: number): Promise<boolean>;
  findByKey(siteId: string, source: OrderSource, keyHash: string): Promise<Order | null>;
  /** The currencies of the site's orders (test orders left out) stored since `since`. */
  currencies(siteId: string, since: number): Promise<string[]>;
}

export interface SessionStore {
  /**
   * First claim wins: creates the order's session bound to this secret hash, or returns the one that exists, with
   * the offers it was shown (none for a session just made).
   */
  claim(
    session: Omit<Session, "id" | "createdAt">,
    now: number,
    /** The order's session as just read with it (`ofReference`; null: it had none), so as not to read it again. */
    known?: { session: Session; steps: Step[] } | null,
  ): Promise<{ session: Session; created: boolean; steps: Step[] }>;
  get(id: string): Promise<Session | null>;
  /**
   * The order a thank-you page names (by its platform's id), with its session if it was claimed and the offers
   * that session was shown: what a claim needs, in one read.
   */
  ofReference(
    siteId: string,
    source: OrderSource,
    externalId: string,
  ): Promise<{ order: Order; claimed: { session: Session; steps: Step[] } | null } | null>;
  /** A session with its order and the offers it was shown (each with what became of it), in one read. */
  access(id: string): Promise<{ session: Session; order: Order; steps: Step[] } | null>;
  order(session: Session): Promise<Order | null>;
  /** The offers shown, in order, each as it was shown, with what became of it. */
  steps(sessionId: string): Promise<Step[]>;
  /** Records an offer as shown to this session, exactly as the buyer sees it (once per offer). */
  show(session: Session, offer: Offer, now: number): Promise<void>;
}

export interface DecisionStore {
  find(
    sessionId: string,
    by: { offerId: string } | { idempotencyKey: string },
  ): Promise<DecisionRecord | null>;
  get(id: string): Promise<DecisionRecord | null>;
  /**
   * In one read, the decision a request repeats (made with its idempotency key) or else the one it contends with
   * (made for its offer under another key).
   */
  forRequest(
    sessionId: string,
    request: { idempotencyKey: string; offerId: string },
  ): Promise<DecisionRecord | null>;
  /** A session's decisions, oldest first. */
  ofSession(sessionId: string): Promise<DecisionRecord[]>;
  /**
   * Records a decision, exactly once per offer and per key, only while its order is paid. A decline is
   * recorded with the next impression and its event; an accept with its payment, to be settled after the
   * charge. `created: false` answers the decision that won instead; `order_not_paid` that nothing was written.
   */
  record(
    decision: NewDecision,
    now: number,
  ): Promise<{ decision: DecisionRecord; created: boolean } | "order_not_paid">;
  /** Settles an accept once: payment, answer, next impression and event together. Returns what is stored. */
  settle(settlement: Settlement, now: number): Promise<DecisionRecord>;
  /** Accepts whose charge has been in flight since before `before` (a crash, a provider that did not answer). */
  unsettled(before: number, limit: number): Promise<DecisionRecord[]>;
}

export interface Payment {
  /** The provider's idempotency key, derived from the decision's id. */
  idempotencyKey: string;
  decisionId: string | null;
  /** How much was refunded, in minor units. */
  refunded: number;
  /** The provider's payment its events name (Stripe's PaymentIntent). */
  providerPayment: string | null;
  /** The thank-you page the buyer comes back to from the provider's pages. */
  returnTo: string | null;
  /** What the charge is to use, fixed when the decision was made. */
  instrument: Instrument | null;
  siteId: string;
  provider: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  reference: string;
  actionUrl: string | null;
  createdAt: number;
}

export interface PaymentStore {
  list(siteId: string): Promise<Payment[]>;
  find(
    siteId: string,
    by: { decisionId: string } | { providerPayment: string } | { reference: string },
  ): Promise<Payment | null>;
  /** Moves a payment on, once (only from `from`), with the seller's event, in one transaction; false if it did not. */
  change(change: PaymentChange, now: number): Promise<boolean>;
}

export interface OutboxEvent {
  id: string;
  siteId: string;
  type: string;
  payload: unknown;
  attempts: number;
  createdAt: number;
}

/** An outbound event as the seller's delivery log shows it. */
export interface OutboxDelivery extends OutboxEvent {
  status: "pending" | "delivered" | "dead";
  /** The HTTP status of the last attempt, if the endpoint answered at all. */
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: number | null;
  deliveredAt: number | null;
  deadAt: number | null;
}

export interface OutboxStore {
  /** Leases up to `limit` due events, of sites other than `excludeSites`, for `leaseMs`; no other worker takes them meanwhile. */
  lease(now: number, limit: number, leaseMs: number, excludeSites: string[]): Promise<OutboxEvent[]>;
  /** Gives a leased event back, untried. */
  release(id: string): Promise<void>;
  delivered(id: string, now: number, status: number): Promise<void>;
  /** Records a failed attempt; `retryAt: null` gives the event up (dead-lettered, kept, visible). */
  failed(
    id: string,
    failure: { error: string; status: number | null; retryAt: number | null },
    now: number,
  ): Promise<void>;
  /** Events neither delivered nor given up on, oldest first. */
  pending(siteId?: string): Promise<(OutboxEvent & { lastError: string | null; nextAttemptAt: number })[]>;
  /** A site's events, newest first. */
  list(siteId: string, limit: number): Promise<OutboxDelivery[]>;
  /** Sends an event again from its first attempt (given up on, or delivered and lost by the seller). */
  resend(siteId: string, id: string, now: number): Promise<boolean>;
  /** Forgets the events delivered before `before` (kept until then for the seller's delivery log); how many. */
  prune(before: number): Promise<number>;
}

/** Who an admin login is: the operator ("*") or the owner of one site. */
export interface AdminSession {
  scope: string;
  expiresAt: number;
  /** SHA-256 of the credential that made the login; a login whose credential changed since is over. */
  credential: string | null;
}

export interface AdminSessionStore {
  create(tokenHash: string, session: AdminSession, now: number): Promise<void>;
  /** The live session with this token hash, if any. */
  find(tokenHash: string, now: number): Promise<AdminSession | null>;
  remove(tokenHash: string): Promise<void>;
  /** Ends every login of a scope (the operator's "*", or one site's): "log out everywhere", a rotated token. */
  removeScope(scope: string): Promise<number>;
}

/**
 * The offers a site showed in one cell of its stats: one offer, at one funnel step, on one UTC day, to orders in
 * one currency; and what came of them, in minor units of that currency.
 */
export interface StatsCell {
  offerId: string;
  step: number;
  /** YYYY-MM-DD, the day the offers were shown. */
  day: string;
  currency: string;
  shown: number;
  accepted: number;
  declined: number;
  /** Paid, net of refunds. */
  paid: number;
  /** Accepted, not paid yet. */
  pending: number;
  refunded: number;
}

/** One offer shown to an order, as stored: the snapshot shown (JSON, if kept) and the decision, if any. */
export interface ShownOfferRow {
  step: number;
  offerId: string;
  shownAt: number;
  snapshot: string | null;
  action: "accept" | "decline" | null;
  quantity: number | null;
  amount: number | null;
  payment: PaymentStatus | null;
  refunded: number;
}

/** An order that was shown offers: the platform's reference, its currency, and each offer shown, by step. */
export interface ShownOrderRow {
  source: string;
  externalId: string;
  currency: string;
  shownAt: number;
  offers: ShownOfferRow[];
}

/**
 * What a site's offers did, counted by the time each offer was shown, in [from, to). Test orders (the admin's "Send
 * a test order") are never counted.
 */
export interface StatsStore {
  /** The site's figures in cells (offer × step × day × currency): one grouped query. */
  cells(siteId: string, from: number, to: number): Promise<StatsCell[]>;
  /** How many orders were shown at least one offer, per currency of the order. */
  orders(siteId: string, from: number, to: number): Promise<{ currency: string; orders: number }[]>;
  /** A page of the orders shown an offer, the latest first (by their first offer), each with all it was shown. */
  shownOrders(
    siteId: string,
    from: number,
    to: number,
    page: { limit: number; offset: number },
  ): Promise<ShownOrderRow[]>;
}

/** Everything Aquarium keeps. Only this folder knows SQL; SQLite and PostgreSQL share one set of queries. */
export interface Store {
  readonly engine: "sqlite" | "postgres";
  readonly sites: SiteStore;
  readonly products: ProductStore;
  readonly offers: OfferStore;
  readonly orders: OrderStore;
  /** A site with its catalogue and offers, as the widget's routes read it (kept briefly; see config-cache.ts). */
  config(siteId: string): Promise<SiteConfig | null>;
  readonly sessions: SessionStore;
  readonly decisions: DecisionStore;
  readonly payments: PaymentStore;
  readonly outbox: OutboxStore;
  readonly adminSessions: AdminSessionStore;
  readonly stats: StatsStore;
  /** What the seller's cockpit lists: the last order deliveries and claims of each site. */
  readonly cockpit: CockpitLogStore;
  /** Rate-limit tallies shared by every instance on this database. */
  readonly counters: Counters & { sweep(now: number): Promise<number> };
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
