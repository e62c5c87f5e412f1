import type {
  ChargeRequest,
  ChargeResult,
  PaymentProvider,
  PaymentProviders,
} from "../../server/payments/provider.ts";
import { localProviders } from "../../server/payments/provider.ts";

/**
 * A fake payment provider, for what the local ones cannot show: a provider that keeps its charges by
 * idempotency key (as real providers do), and can be told to fail a payment, to hang up before answering,
 * or to charge and then lose its answer (the crash between charging and recording).
 */
export function fakeProvider(script: { status?: ChargeResult["status"] } = {}) {
  const charges = new Map<string, ChargeRequest>();
  let trouble: "unreachable" | "answer-lost" | null = null;
  const calls: ChargeRequest[] = [];
  const provider: PaymentProvider = {
    name: "demo",
    async charge(request) {
      calls.push(request);
      if (trouble === "unreachable") {
        trouble = null;
        throw new Error("connect ECONNREFUSED (fake provider)");
      }
      if (!charges.has(request.idempotencyKey)) charges.set(request.idempotencyKey, request);
      if (trouble === "answer-lost") {
        trouble = null;
        throw new Error("socket hang up after the charge (fake provider)");
      }
      return { status: script.status ?? "paid", reference: `fake_${request.idempotencyKey}` };
    },
  };
  return {
    providers: { ...localProviders(), demo: provider } satisfies PaymentProviders,
    /** Charges actually made, one per idempotency key. */
    charges: () => [...charges.values()],
    calls,
    /** The next call fails: before charging (`unreachable`), or after charging (`answer-lost`). */
    failNext(kind: "unreachable" | "answer-lost") {
      trouble = kind;
    },
  };
}
