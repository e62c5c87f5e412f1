import type { DecisionRequest, OrderReference } from "../../server/contract/session.ts";
import type { Decision, WidgetOffer } from "../../server/contract/widget.ts";
import { type Api, ApiError } from "../../widget/api.ts";

/* The widget's side of the server, faked for the widget's unit tests: its api, its answers, a Storage. */

export const SITE = "site_8fKq2LmZ";
export const ORDER: OrderReference = { source: "woocommerce", id: "727", key: "wc_order_58d2d042d1d" };
export const SESSION = { id: "sess_4kTq9ZxW2mLp", expiresAt: "2026-11-22T12:30:00.000Z" };

export const offer = (id: string, step = 1): WidgetOffer => ({
  id,
  title: `Offer ${id}`,
  description: "",
  image: null,
  product: "prod_abcdefgh",
  regularPrice: 8900,
  price: 6675,
  currency: "USD",
  quantityMax: 2,
  expiresAt: "2026-11-22T12:30:00.000Z",
  step,
});

/** What a claim answers: an offer, a final "nothing to show" (null), or an error as the api throws it. */
export type ClaimOutcome = WidgetOffer | null | ApiError;

/** The server's error envelope as the api turns it into an ApiError. */
export const refusal = (status: number, code: string) =>
  new ApiError(code, { error: { code, message: code } }, status);
export const notFound = () => refusal(404, "not_found");

/**
 * The widget's api, answered by the test: `claims(n)` decides the n-th claim's outcome (from 0), and every
 * call is recorded with the time it was made (the test's fake clock) and what it carried.
 */
export function fakeApi(
  claims: (n: number) => ClaimOutcome | Promise<ClaimOutcome>,
  decisions: (request: DecisionRequest) => WidgetOffer | null | ApiError = () => null,
  /** The payment an accept answers with, and the receipt the n-th claim carries, as the server would. */
  money: { payment?: Decision["payment"]; receipt?: (n: number) => unknown } = {},
) {
  const calls = {
    claims: [] as { at: number; site: string; order: OrderReference; secret: string }[],
    decisions: [] as { at: number; request: DecisionRequest; secret: string }[],
  };
  const api: Api = {
    async claim(site, order, secret) {
      calls.claims.push({ at: Date.now(), site, order, secret });
      const outcome = await claims(calls.claims.length - 1);
      if (outcome instanceof ApiError) throw outcome;
      const receipt = money.receipt?.(calls.claims.length - 1);
      return { session: SESSION, offer: outcome, ...(receipt !== undefined && { receipt }) };
    },
    async decide(_session, secret, request) {
      calls.decisions.push({ at: Date.now(), request, secret });
      const next = decisions(request);
      if (next instanceof ApiError) throw next;
      const decision: Decision = {
        id: `dec_${calls.decisions.length}`,
        offer: request.offer,
        action: request.action,
        status: request.action === "accept" ? "accepted" : "declined",
        quantity: request.quantity ?? 1,
        amount: 6675,
        currency: "USD",
        title: `Offer ${request.offer}`,
        ...(request.action === "accept" && money.payment && { payment: money.payment }),
      };
      return { decision, next };
    },
  };
  return { api, calls };
}

/** A Storage as the browser gives one, in memory. */
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index: number) => [...items.keys()][index] ?? null,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      items.set(key, String(value));
    },
    removeItem: (key: string) => {
      items.delete(key);
    },
    clear: () => items.clear(),
  };
}
