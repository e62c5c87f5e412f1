import type { Logger } from "../../log.ts";
import { toMinor } from "../../orders/money.ts";
import type { Store } from "../../store/store.ts";
import type { ChargeRequest, ChargeResult, PaymentProvider } from "../provider.ts";
import { type WooApi, wooApi } from "./api.ts";
import { WooError, wooClient } from "./client.ts";
import { type WooNetwork, wooConnection } from "./connection.ts";
import {
  createdNote,
  duplicateNote,
  linkedOrderBody,
  noProduct,
  ofDecision,
  paymentPage,
  repricedNote,
  repricedReason,
  unavailable,
} from "./linked-order.ts";
import type { RestOrder } from "./shapes.ts";

/**
 * How long after the click a shop that does not answer (or answers 5xx) is waited for: the accept is answered
 * 503 and tried again (the buyer's retry, the recovery pass) until then, and failed after.
 */
const PATIENCE_MS = 15_000;

const failed = (reason: string): ChargeResult => ({ status: "failed", reference: reason });

/** Statuses in which WooCommerce lets the buyer pay an order on its payment page. */
const PAYABLE = new Set(["pending", "failed", "on-hold"]);

/**
 * An accepted offer becomes a WooCommerce order linked to the original one, paid by the buyer on the shop's own
 * order-pay page with any of its gateways. Its later webhooks move the payment on (orders/woocommerce.ts).
 *
 * WooCommerce has no idempotency keys: the decision is written on the order (meta), and every attempt first
 * looks among the original order's children for one carrying it, so a retry after a lost answer or a crash
 * finds the order instead of making another. Attempts in this process share one flight per decision; attempts
 * racing in two processes may each make one, and then both keep the oldest and cancel the other, with a note.
 */
export function wooCommerceProvider({
  store,
  network,
  logger,
  patienceMs = PATIENCE_MS,
}: {
  store: Store;
  network: WooNetwork;
  logger: Logger;
  patienceMs?: number;
}): PaymentProvider {
  const inFlight = new Map<string, Promise<ChargeResult>>();
  // Decisions whose order creation was sent: an order may exist, so a shop that cannot be reached is waited for.
  const sent = new Set<string>();

  /** The offered product's SKU (as shown to the buyer), and when the buyer clicked. */
  async function offered(request: ChargeRequest) {
    const decision = await store.decisions.get(request.decisionId);
    const steps = decision ? await store.sessions.steps(decision.sessionId) : [];
    const shown = steps.find((step) => step.offerId === request.offerId)?.shown;
    const product = shown ? await store.products.get(request.siteId, shown.product) : null;
    return { sku: product?.sku ?? null, clickedAt: decision?.createdAt ?? request.now };
  }

  async function bestEffortNote(api: WooApi, order: RestOrder, note: string, request: ChargeRequest) {
    try {
      const notes = await api.notes(order.id);
      if (!notes.some((written) => written.note === note)) await api.addNote(order.id, note);
    } catch (error) {
      logger.warn(
        { err: error, decision: request.decisionId, order: order.id },
        "woocommerce: note not written",
      );
    }
  }

  /** Cancels an order that must not be paid; the note saying why first, so that none is left unexplained. */
  async function cancel(api: WooApi, order: RestOrder, note: string, request: ChargeRequest) {
    await bestEffortNote(api, order, note, request);
    if (order.status !== "cancelled") await api.updateOrder(order.id, { status: "cancelled" });
  }

  /** The decision's orders among the original's children: the oldest is kept, any other cancelled. */
  async function keepOldest(
    api: WooApi,
    mine: RestOrder[],
    request: ChargeRequest,
  ): Promise<RestOrder | null> {
    const [kept, ...others] = mine;
    if (!kept) return null;
    for (const other of others)
      if (PAYABLE.has(other.status)) await cancel(api, other, duplicateNote(request, kept), request);
    return kept;
  }

  /** What a linked order means for the payment, seeing it to a payable, explained state. */
  async function outcome(api: WooApi, order: RestOrder, request: ChargeRequest, shopUrl: string) {
    const repriced =
      toMinor(order.total, order.currency) !== request.amount || order.currency !== request.currency;
    if (PAYABLE.has(order.status) && repriced) {
      await cancel(api, order, repricedNote(request, order), request);
      return failed(repricedReason(request, order));
    }
    const reference = String(order.id);
    if (order.status === "processing" || order.status === "completed")
      return { status: "paid" as const, reference };
    if (!PAYABLE.has(order.status)) {
      await bestEffortNote(
        api,
        order,
        repriced ? repricedNote(request, order) : createdNote(request),
        request,
      );
      return failed(
        repriced ? repricedReason(request, order) : `The linked order #${order.id} is ${order.status}.`,
      );
    }
    await bestEffortNote(api, order, createdNote(request), request);
    const actionUrl = paymentPage(order, shopUrl);
    if (!actionUrl) return failed(`The shop gave no payment page for the linked order #${order.id}.`);
    return { status: "requires_action" as const, reference, actionUrl, qr: true };
  }

  async function charge(request: ChargeRequest): Promise<ChargeResult> {
    const connection = await wooConnection(store, request.siteId);
    if (!connection) return failed("The site has no WooCommerce connection: set it in the admin.");
    const { sku, clickedAt } = await offered(request);
    if (!sku) return failed("The offered product is no longer in the catalogue.");
    const parentId = request.order.externalId;
    if (!/^\d+$/.test(parentId))
      return failed(`The order ${parentId} is not a WooCommerce order: WooCommerce payments need one.`);
    const api = wooApi(wooClient(connection, network));
    try {
      const [children, parent, product] = await Promise.all([
        api.childOrders(parentId),
        api.order(parentId),
        api.productBySku(sku),
      ]);
      const found = await keepOldest(api, ofDecision(children, request.decisionId), request);
      if (found) return await outcome(api, found, request, connection.url);
      if (!parent) return failed(`The shop has no order #${parentId}.`);
      if (parent.currency !== request.currency)
        return failed(
          `The offer is priced in ${request.currency}, but the shop's order is in ${parent.currency}.`,
        );
      if (!product) return failed(noProduct(sku));
      const why = unavailable(product, sku, request.quantity);
      if (why) return failed(why);

      if (sent.size > 10_000) sent.clear();
      sent.add(request.decisionId);
      const created = await api.createOrder(linkedOrderBody(request, parent, product));
      // Another process may have made one for this decision meanwhile: every attempt keeps the oldest.
      const mine = ofDecision(await api.childOrders(parentId), request.decisionId);
      const kept = await keepOldest(api, mine.length > 0 ? mine : [created], request);
      return await outcome(api, kept ?? created, request, connection.url);
    } catch (error) {
      if (!(error instanceof WooError)) throw error;
      return afterFailure(error, request, clickedAt);
    }
  }

  /** A request to the shop failed: fail the payment plainly, or (an order may exist) let it be tried again. */
  function afterFailure(error: WooError, request: ChargeRequest, clickedAt: number): ChargeResult {
    logger.warn(
      { site: request.siteId, decision: request.decisionId, kind: error.kind },
      `woocommerce: ${error.message}`,
    );
    switch (error.kind) {
      case "refused":
        return failed(
          `The shop refused the site's WooCommerce REST API key (${error.status}${error.code ? ` ${error.code}` : ""}): check the connection in the admin; the key needs Read/Write access.`,
        );
      case "address":
        return failed(`The shop's address is refused: it ${error.message}.`);
      case "not_woocommerce":
        return failed(`The shop's address does not answer as WooCommerce: it ${error.message}.`);
      case "missing":
      case "rejected":
        return failed(`The shop ${error.message}.`);
      case "unreachable":
        if (!sent.has(request.decisionId)) return failed(`The shop ${error.message}.`);
        break;
      case "uncertain":
        break;
    }
    if (request.now - clickedAt < patienceMs) throw error;
    return failed(`The shop ${error.message}, for too long: nothing is charged.`);
  }

  return {
    name: "woocommerce",
    charge(request) {
      const running = inFlight.get(request.decisionId);
      if (running) return running;
      const attempt = charge(request).finally(() => inFlight.delete(request.decisionId));
      inFlight.set(request.decisionId, attempt);
      return attempt;
    },
  };
}
