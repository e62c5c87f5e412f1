/**
 * The tables as Kysely sees them. Both engines store the same types: text, integers, and
 * epoch milliseconds as 64-bit integers; JSON as text, booleans as 0/1, so one set of queries serves both.
 */
export interface Database {
  sites: {
    id: string;
    name: string;
    allowed_origins: string;
    offer_window_minutes: number;
    webhook_url: string | null;
    payment_provider: string;
    created_at: number;
    updated_at: number;
    /** The panel's Appearance as JSON; null: DEFAULT_APPEARANCE. */
    appearance: string | null;
  };
  site_secrets: {
    site_id: string;
    kind: string;
    value: string;
    created_at: number;
  };
  products: {
    id: string;
    site_id: string;
    sku: string;
    name: string;
    description: string;
    image_url: string | null;
    price: number;
    currency: string;
    tags: string;
    created_at: number;
    updated_at: number;
    /** When the seller deleted it: kept aside, restorable, until the sweep purges it. */
    deleted_at: number | null;
  };
  offers: {
    id: string;
    site_id: string;
    name: string;
    product_id: string;
    title: string | null;
    description: string | null;
    trigger: string;
    discount: string;
    quantity_max: number;
    priority: number;
    active: number;
    downsell_id: string | null;
    next_id: string | null;
    created_at: number;
    updated_at: number;
    /** 1: only ever shown as another offer's step. */
    funnel_only: number;
    /** When the seller deleted it: kept aside, restorable, until the sweep purges it. */
    deleted_at: number | null;
    /** The funnel steps its deletion unlinked (`[{ offerId, step }]` as JSON), linked again if it is restored. */
    unlinked: string | null;
  };
  orders: {
    id: string;
    site_id: string;
    source: string;
    external_id: string;
    key_hash: string | null;
    lines: string;
    total: number;
    currency: string;
    email_hash: string | null;
    status: string;
    paid_at: number;
    source_updated_at: number;
    created_at: number;
    updated_at: number;
    payment_customer: string | null;
    payment_method: string | null;
    payment_reference: string | null;
    /** 1 for an order made by the admin's "Send a test order": never counted in stats. */
    test: number;
  };
  deliveries: {
    site_id: string;
    source: string;
    delivery_id: string;
    received_at: number;
  };
  sessions: {
    id: string;
    site_id: string;
    order_id: string;
    secret_hash: string;
    expires_at: number;
    created_at: number;
  };
  impressions: {
    session_id: string;
    offer_id: string;
    site_id: string;
    step: number;
    shown_at: number;
    /** The Offer the buyer saw, as JSON (null before snapshots were kept). */
    offer: string | null;
  };
  decisions: {
    id: string;
    session_id: string;
    site_id: string;
    offer_id: string;
    action: string;
    quantity: number;
    amount: number;
    currency: string;
    payment_status: string | null;
    idempotency_key: string;
    request_hash: string;
    response: string;
    created_at: number;
    /** Null while an accept's charge is in flight. */
    settled_at: number | null;
  };
  payments: {
    idempotency_key: string;
    site_id: string;
    provider: string;
    amount: number;
    currency: string;
    status: string;
    reference: string;
    created_at: number;
    decision_id: string | null;
    action_url: string | null;
    updated_at: number | null;
    /** The provider's payment its events name (Stripe's PaymentIntent). */
    provider_payment: string | null;
    /** How much of it was refunded, in minor units. */
    refunded: number;
    /** The thank-you page the buyer comes back to from the provider's pages. */
    return_to: string | null;
    /** What the charge is to use, fixed at the decision: `{ customer, method }` as JSON, or null. */
    instrument: string | null;
  };
  outbox: {
    id: string;
    site_id: string;
    type: string;
    payload: string;
    attempts: number;
    next_attempt_at: number;
    locked_until: number | null;
    lock_token: string | null;
    delivered_at: number | null;
    last_error: string | null;
    created_at: number;
    /** Set when the event was given up on after its last attempt (dead-lettered). */
    dead_at: number | null;
    /** The HTTP status of the last attempt, if the endpoint answered at all. */
    last_status: number | null;
  };
  admin_sessions: {
    token_hash: string;
    scope: string;
    expires_at: number;
    created_at: number;
    /** SHA-256 of the credential the login was made with (ADMIN_TOKEN, or the site's owner token). */
    credential: string | null;
  };
  /** The last order webhook deliveries per site and platform, for the seller's cockpit (pruned; see cockpit-log.ts). */
  hook_log: {
    id: string;
    site_id: string;
    source: string;
    received_at: number;
    outcome: string;
    /** The platform's own order id, when the delivery named one. */
    order_ref: string | null;
    /** The SKUs of an order that matched no catalogue product, as JSON, when that was the outcome. */
    detail: string | null;
    test: number;
  };
  /** The last claims per site and origin, for the seller's cockpit (pruned; see cockpit-log.ts). */
  claim_log: {
    id: string;
    site_id: string;
    /** The page's Origin header ("" when it sent none). */
    origin: string;
    claimed_at: number;
    outcome: string;
    reference: string | null;
    order_ref: string | null;
    test: number;
  };
  rate_limits: {
    key: string;
    window_start: number;
    count: number;
    expires_at: number;
  };
}
