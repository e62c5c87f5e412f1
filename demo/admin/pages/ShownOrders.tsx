import { useState } from "preact/hooks";
import type { ShownOffer, ShownOrder } from "../../../server/contract/index.ts";
import { useApi } from "../api.ts";
import { count } from "../components/Figures.tsx";
import { formatMoney } from "../money.ts";
import { useLoad } from "../useLoad.ts";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const PLATFORMS: Record<string, string> = {
  woocommerce: "WooCommerce",
  stripe: "Stripe Checkout",
  orders: "order webhook",
  token: "order token",
};

/** A payment's state as the seller would say it. */
const PAYMENT: Record<NonNullable<ShownOffer["payment"]>, string> = {
  paid: "paid",
  pending: "payment pending",
  requires_action: "waiting for the buyer to pay",
  failed: "payment failed",
  refunded: "refunded",
};

/** What came of an offer: no answer, declined, or accepted with its quantity, amount and payment. */
function outcome(offer: ShownOffer, currency: string): string {
  if (offer.action === null) return "no answer";
  if (offer.action === "decline") return "declined";
  const amount = offer.amount === null ? "" : ` for ${formatMoney(offer.amount, currency)}`;
  // A refund says how much of it, or that it was all of it.
  const payment =
    offer.refunded > 0
      ? offer.refunded === offer.amount
        ? ", refunded in full"
        : `, ${formatMoney(offer.refunded, currency)} refunded`
      : offer.payment
        ? `, ${PAYMENT[offer.payment]}`
        : "";
  return `accepted ×${offer.quantity ?? 1}${amount}${payment}`;
}

function OrderRow({ order }: { order: ShownOrder }) {
  return (
    <tr>
      <th scope="row">
        {order.order}
        <span class="muted"> · {PLATFORMS[order.source] ?? order.source}</span>
      </th>
      <td data-label="Shown">
        <time dateTime={order.shownAt}>{when.format(new Date(order.shownAt))} UTC</time>
      </td>
      <td data-label="Offers">
        <ol class="plain steps">
          {order.offers.map((offer) => (
            <li key={offer.offerId}>
              <span class="muted">Step {offer.step}:</span> {offer.name}
              {offer.price !== null && ` at ${formatMoney(offer.price, order.currency)}`}:{" "}
              <strong>{outcome(offer, order.currency)}</strong>
            </li>
          ))}
        </ol>
      </td>
    </tr>
  );
}

/** The orders shown an offer over the period, the latest first, a page at a time. */
export function ShownOrders({ siteId, from, to }: { siteId: string; from: string; to: string }) {
  const api = useApi();
  const [page, setPage] = useState(1);
  const list = useLoad(() => api.shownOrders(siteId, from, to, page), [siteId, from, to, page]);
  const answer = list.data;
  return (
    <section aria-labelledby="orders-title">
      <h3 id="orders-title">Orders shown an offer</h3>
      {list.problem && <p class="error banner">{list.problem.message}</p>}
      {answer && answer.total === 0 && <p>No order was shown an offer in this period.</p>}
      {answer && answer.total > 0 && (
        <>
          <p aria-live="polite">
            {count.format(answer.total)} {answer.total === 1 ? "order" : "orders"}, page {answer.page} of{" "}
            {Math.max(1, answer.pages)}
          </p>
          <table class="stack">
            <caption class="sr">
              Orders shown an offer, {answer.from} to {answer.to}, page {answer.page}
            </caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Shown</th>
                <th scope="col">Offers and what the buyer decided</th>
              </tr>
            </thead>
            <tbody>
              {answer.orders.map((order) => (
                <OrderRow key={`${order.source}:${order.order}`} order={order} />
              ))}
            </tbody>
          </table>
          <nav class="actions" aria-label="Pages of orders">
            <button type="button" class="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Newer orders
            </button>
            <button
              type="button"
              class="secondary"
              disabled={page >= answer.pages}
              onClick={() => setPage(page + 1)}
            >
              Older orders
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
