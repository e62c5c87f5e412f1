import type { PaymentStatus, PaymentProvider as ProviderName } from "../contract/index.ts";
import type { Instrument, Order } from "../domain.ts";

export interface ChargeRequest {
  /**
   * Derived from the decision that won: a provider charges at most once per key, however often it is asked,
   * so a retry after a crash or a lost answer reuses the first charge instead of making a second.
   */
  idempotencyKey: string;
  siteId: string;
  decisionId: string;
  offerId: string;
  /** Exactly the shown price × the chosen quantity, in minor units of `currency`. */
  amount: number;
  currency: string;
  unitAmount: number;
  quantity: number;
  /** What the buyer reads on the provider's pages and their statement: the offer's title × quantity. */
  description: string;
  /** The order the offer was made for, as the seller's platform knows it. */
  order: Pick<Order, "id" | "externalId">;
  /** What it takes to charge the buyer again (fixed when the decision was made), or null: a pay link. */
  instrument: Instrument | null;
  /** The buyer as the provider knows them, if it does (a pay link is made out to them). */
  customer: string | null;
  /** This server's page a buyer comes back to from the provider's (the bank's confirmation, a pay link). */
  returnUrl: string;
  /** Where a buyer confirms this payment with their bank (on this server, which hands them to the bank). */
  confirmUrl: string;
  /** When the offer window closes: a pay link lasts at least that long. */
  expiresAt: number;
  now: number;
}

export interface ChargeResult {
  status: PaymentStatus;
  /** The provider's own reference for what it made (a charge, a pay link). */
  reference: string;
  /** The provider's payment the later events name (Stripe's PaymentIntent), when known. */
  providerPayment?: string;
  /** Where the buyer finishes a payment that needs them (the bank's confirmation, a pay link). */
  actionUrl?: string;
  /** The action is a pay link a phone can open: show it as a QR code too. */
  qr?: boolean;
}

/**
 * Who settles an accepted offer. `charge` must be idempotent on `idempotencyKey` (real providers are: Stripe's
 * Idempotency-Key); it may throw when the provider cannot be reached, and is then simply asked again later.
 */
export interface PaymentProvider {
  readonly name: ProviderName;
  charge(request: ChargeRequest): Promise<ChargeResult>;
}

export type PaymentProviders = Partial<Record<ProviderName, PaymentProvider>>;

/** `demo` settles at once; `manual` leaves the payment pending: the seller bills, told by the outbound webhook. */
export function localProviders(): PaymentProviders {
  const local = (name: ProviderName, status: "paid" | "pending"): PaymentProvider => ({
    name,
    charge: async (request) => ({ status, reference: `${name}_${request.decisionId}` }),
  });
  return { demo: local("demo", "paid"), manual: local("manual", "pending") };
}
