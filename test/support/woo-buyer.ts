import { DecisionResponse, SellerEvent, SessionResponse } from "../../server/contract/index.ts";
import type { FakeOrder } from "./fake-woocommerce.ts";
import { browserSecret, ORIGIN } from "./shop.ts";
import type { WooShop } from "./woo-shop.ts";

/**
 * A buyer on a WooCommerce shop's thank-you page, as the widget speaks to the server: claims the order its URL
 * names (id and key), accepts offers; and what the seller sees of it (events, payments, linked orders).
 */
export function wooBuyer(world: WooShop) {
  const { harness, shop, fake } = world;
  return {
    /** `POST /v1/sessions` for the order, as its thank-you page names it; the status and the answer. */
    async claim(order: { id: number; order_key: string }, secret = browserSecret()) {
      const response = await harness.app.request("/v1/sessions", {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({
          site: shop.siteId,
          order: { source: "woocommerce", id: String(order.id), key: order.order_key },
          secret,
        }),
      });
      const body = response.status < 300 ? SessionResponse.parse(await response.json()) : null;
      return { status: response.status, secret, id: body?.session.id ?? "", offer: body?.offer ?? null };
    },

    /** `POST /v1/sessions/:id/decisions` accepting an offer; the raw answer. */
    accept(session: { id: string; secret: string }, offer: string, key: string, quantity = 1) {
      return harness.app.request(`/v1/sessions/${session.id}/decisions`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: ORIGIN,
          authorization: `Bearer ${session.secret}`,
          "idempotency-key": key,
        },
        body: JSON.stringify({ offer, action: "accept", quantity }),
      });
    },

    /** An accept answered 200, read with the contract. */
    async accepted(session: { id: string; secret: string }, offer: string, key: string, quantity = 1) {
      const answer = await this.accept(session, offer, key, quantity);
      if (answer.status !== 200) throw new Error(`accept answered ${answer.status}: ${await answer.text()}`);
      return DecisionResponse.parse(await answer.json());
    },

    /** The seller's events, in order. */
    async events() {
      return (await harness.store.outbox.pending(shop.siteId)).map((event) =>
        SellerEvent.parse(event.payload),
      );
    },

    /** The site's one payment. */
    async payment() {
      const [payment] = await harness.store.payments.list(shop.siteId);
      return payment;
    },

    /** The orders the shop has that are linked to `order`. */
    linkedTo(order: { id: number }): FakeOrder[] {
      return [...fake.orders.values()].filter((candidate) => candidate.parent_id === order.id);
    },

    /** The REST calls made to create orders. */
    ordersCreated() {
      return fake.calls.filter((call) => call.method === "POST" && call.path === "/orders");
    },

    /** The notes on an order of the shop, as the seller reads them. */
    notesOf(order: { id: number }): string[] {
      return (fake.notes.get(order.id) ?? []).map((note) => String(note.note));
    },
  };
}
