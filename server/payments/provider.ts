import type { PaymentStatus, PaymentProvider as ProviderName } from "../contract/index.ts";
import type { Store } from "../store/store.ts";

export interface ChargeRequest {
  /** One per (session, offer): a provider must charge at most once per key, however often it is asked. */
  idempotencyKey: string;
  siteId: string;
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
 * Who settles an accepted offer. Real providers (Stripe with a saved card, a payment link) answer
 * `requires_action` with a URL when the buyer must act; the two here never need to.
 */
export interface PaymentProvider {
  readonly name: ProviderName;
  charge(request: ChargeRequest, now: number): Promise<ChargeResult>;
}

/** `demo` settles at once; `manual` records what the seller must bill, and the outbound webhook tells them. */
export function paymentProviders(store: Store): Record<ProviderName, PaymentProvider> {
  const local = (name: ProviderName, status: "paid" | "pending"): PaymentProvider => ({
    name,
    async charge(request, now) {
      const payment = await store.payments.record({
        idempotencyKey: request.idempotencyKey,
        siteId: request.siteId,
        provider: name,
        amount: request.amount,
        currency: request.currency,
        status,
        reference: `${name}_${request.idempotencyKey}`,
        createdAt: now,
      });
      return { status: payment.status as "paid" | "pending", reference: payment.reference };
    },
  });
  return { demo: local("demo", "paid"), manual: local("manual", "pending") };
}
