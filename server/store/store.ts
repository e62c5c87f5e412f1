import type {
  DayStats,
  OfferConfig,
  OfferInput,
  OfferPatch,
  OfferStats,
  OrderLine,
  OrderSource,
  OrderStatus,
  Product,
  ProductInput,
  ProductPatch,
  SecretKind,
  Site,
  SiteInput,
  SitePatch,
} from "../contract/index.ts";
import type { Step } from "../offers/engine.ts";
import type { SiteConfig } from "./config-cache.ts";

/** An order as Aquarium keeps it, whatever platform it came from. Times are epoch milliseconds, UTC. */
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
  secret(id: string, kind: SecretKind): Promise<string | null>;
  /** The site whose secret of this kind has this value (owner tokens are looked up by their hash). */
  bySecret(kind: SecretKind, value: string): Promise<string | null>;
}

export interface ProductStore {
  create(siteId: string, input: ProductInput, now: number): Promise<Product>;
  get(siteId: string, id: string): Promise<Product | null>;
  list(siteId: string): Promise<Product[]>;
  update(siteId: string, id: string, patch: ProductPatch, now: number): Promise<Product | null>;
  remove(siteId: string, id: string): Promise<boolean>;
}

export interface OfferStore {
  create(siteId: string, input: OfferInput, now: number): Promise<OfferConfig>;
  get(siteId: string, id: string): Promise<OfferConfig | null>;
  list(siteId: string): Promise<OfferConfig[]>;
  update(siteId: string, id: string, patch: OfferPatch, now: number): Promise<OfferConfig | null>;
  /** Removes the offer and unlinks it from any funnel that pointed at it. */
  remove(siteId: string, id: string): Promise<boolean>;
}

export interface OrderStore {
  /** Records the delivery and, unless it was seen before or is older than what is stored, the order. One transaction. */
  ingest(delivery: Delivery, order: NewOrder | null, now: number): Promise<IngestResult>;
  /** Stores the order if it is new (signed order tokens); returns what is stored either way. */
  register(order: NewOrder, now: number): Promise<Order>;
  find(siteId: string, source: OrderSource, externalId: string): Promise<Order | null>;
  findByKey(siteId: string, source: OrderSource, keyHash: string): Promise<Order | null>;
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

export interface StoredDecision {
  id: string;
  sessionId: string;
  offerId: string;
  action: "accept" | "decline";
  idempotencyKey: string;
  /** A fingerprint of the request, so a key reused for another request is told apart from a retry. */
  requestHash: string;
  /** The first answer, replayed as it was to any retry with the same key. */
  response: unknown;
}

export interface NewDecision extends StoredDecision {
  siteId: string;
  quantity: number;
  amount: number;
  currency: string;
  paymentStatus: string | null;
  /** The funnel's next offer, recorded as shown in the same transaction. */
  next: { offerId: string; step: number } | null;
  /** The seller's notification, written to the outbox in the same transaction. */
  event: { type: string; payload: unknown };
}

export interface SessionStore {
  /** First claim wins: creates the order's session, or returns the one that exists. */
  claim(
    session: Omit<Session, "id" | "createdAt">,
    now: number,
  ): Promise<{ session: Session; created: boolean }>;
  get(id: string): Promise<Session | null>;
  /** The session that claimed this order, if one has. */
  forOrder(orderId: string): Promise<Session | null>;
  order(session: Session): Promise<Order | null>;
  /** The offers shown, in order, with what was decided. */
  steps(sessionId: string): Promise<Step[]>;
  show(session: Session, offerId: string, step: number, now: number): Promise<void>;
  findDecision(
    sessionId: string,
    by: { offerId: string } | { idempotencyKey: string },
  ): Promise<StoredDecision | null>;
  /** Stores the decision, the next impression and the outbox event in one transaction; exactly once per offer. */
  decide(decision: NewDecision, now: number): Promise<{ decision: StoredDecision; created: boolean }>;
}

export interface Payment {
  idempotencyKey: string;
  siteId: string;
  provider: string;
  amount: number;
  currency: string;
  status: string;
  reference: string;
  createdAt: number;
}

export interface PaymentStore {
  /** Records a charge once per idempotency key; a repeat returns the first. */
  record(payment: Payment): Promise<Payment>;
  list(siteId: string): Promise<Payment[]>;
}

export interface OutboxEvent {
  id: string;
  siteId: string;
  type: string;
  payload: unknown;
  attempts: number;
  createdAt: number;
}

export interface OutboxStore {
  /** Leases up to `limit` due events for `leaseMs`; another worker cannot take them meanwhile. */
  lease(now: number, limit: number, leaseMs: number): Promise<OutboxEvent[]>;
  delivered(id: string, now: number): Promise<void>;
  failed(id: string, error: string, retryAt: number): Promise<void>;
  /** Events not yet delivered, oldest first. */
  pending(siteId?: string): Promise<(OutboxEvent & { lastError: string | null; nextAttemptAt: number })[]>;
}

/** Who an admin login is: the operator ("*") or the owner of one site. */
export interface AdminSession {
  scope: string;
  expiresAt: number;
}

export interface AdminSessionStore {
  create(tokenHash: string, session: AdminSession, now: number): Promise<void>;
  /** The live session with this token hash, if any. */
  find(tokenHash: string, now: number): Promise<AdminSession | null>;
  remove(tokenHash: string): Promise<void>;
}

export interface StatsStore {
  /** Impressions and decisions of a site in [from, to), per offer and per UTC day. */
  site(siteId: string, from: number, to: number): Promise<{ offers: OfferStats[]; days: DayStats[] }>;
}

export type { SiteConfig };

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
  readonly payments: PaymentStore;
  readonly outbox: OutboxStore;
  readonly adminSessions: AdminSessionStore;
  readonly stats: StatsStore;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
