import type { PaymentStatus, PaymentProvider as ProviderName } from "../contract/index.ts";

export interface ChargeRequest {
  /**
   * Derived from the decision that won: a provider charges at most once per key, however often it is asked,
   * so a retry after a crash or a lost answer reuses the first charge instead of making a second.
   */
  idempotencyKey: string;
  siteId: string;
  decisionId: string;
  /** Exactly the shown price × the chosen quantity, in minor units of `currency`. */
  amount: number;
  currency: string;
  description: string;
}

export interface ChargeResult {
  status: PaymentStatus;
  reference: string;
  /** Where the buyer finishes a payment that needs them (3-D Secure, a payment link). */
  actionUrl?: string;
}

/**
 * Who settles an accepted offer. `charge` must be idempotent on `idempotencyKey` (real providers are: Stripe's
 * Idempotency-Key); it may throw when the provider cannot be reached, and is then simply asked again later.
 */
export interface PaymentProvider {
  readonly name: ProviderName;
  charge(request: ChargeRequest): Promise<ChargeResult>;
}

export type PaymentProviders = Record<ProviderName, PaymentProvider>;

/** `demo` settles at once; `manual` leaves the payment pending: the seller bills, told by the outbound webhook. */
export function localProviders(): PaymentProviders {
  const local = (name: ProviderName, status: "paid" | "pending"): PaymentProvider => ({
    name,
    charge: async (request) => ({ status, reference: `${name}_${request.decisionId}` }),
  });
  return { demo: local("demo", "paid"), manual: local("manual", "pending") };
}
