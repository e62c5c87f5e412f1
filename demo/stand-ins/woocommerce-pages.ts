import { escapeHtml, standInPage } from "./page.ts";
import type { WooCommerceStandIn } from "./woocommerce.ts";

/** Said at the top of every page the stand-in serves: nobody may take it for a real shop. */
export const STAND_IN_LABEL = "Demo stand-in for WooCommerce — no real money";

/** WooCommerce's own look, as far as a table and a purple button go. */
const STYLE =
  "table{width:100%;border-collapse:collapse}td,th{padding:6px 0;border-bottom:1px solid #ddd;text-align:left}button{background:#7f54b3}";

const page = (title: string, body: string, status = 200) =>
  standInPage({ label: STAND_IN_LABEL, title, body, status, style: STYLE });

/**
 * The shop's order-pay page (WooCommerce: `…/checkout/order-pay/<id>/?pay_for_order=true&key=wc_order_…`), as
 * the stand-in serves it: the order's lines and total, and one button standing for any of the shop's payment
 * methods. Paying makes the order processing (its webhook goes out) and sends the buyer to the order's
 * thank-you page, as WooCommerce does. A wrong key, or an order no longer awaiting payment, is refused.
 */
export function wooCommercePages(standIn: WooCommerceStandIn) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const match = /\/checkout\/order-pay\/(\d+)\/?$/.exec(url.pathname);
    if (!match) return page("Page not found", "<p>Nothing here.</p>", 404);
    const order = standIn.orders.get(Number(match[1]));
    if (!order || url.searchParams.get("key") !== order.order_key)
      return page("Pay for order", "<p>Sorry, this order is invalid and cannot be paid for.</p>", 403);
    if (!["pending", "failed"].includes(order.status))
      return page(
        "Pay for order",
        `<p>This order’s status is “${escapeHtml(order.status)}”—it cannot be paid for. Please contact us if you need assistance.</p>`,
        409,
      );
    if (request.method !== "POST") {
      const rows = order.line_items
        .map(
          (line) =>
            `<tr><td>${escapeHtml(String(line.name))} × ${escapeHtml(String(line.quantity))}</td><td>${escapeHtml(String(line.total))}</td></tr>`,
        )
        .join("");
      return page(
        "Pay for order",
        `<p>Order #${order.id}</p><table>${rows}<tr><th>Total</th><td id="total">${escapeHtml(order.total)} ${escapeHtml(order.currency)}</td></tr></table>
<form method="post"><p class="note">On a real shop, any of its payment methods: cards, PayPal, bank transfer, cash on delivery…</p><button type="submit">Pay</button></form>`,
      );
    }
    await standIn.pay(order.id);
    return new Response(null, { status: 303, headers: { location: standIn.thankYouOf(order) } });
  };
}
