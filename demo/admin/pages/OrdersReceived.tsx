import type { HookLog, HookSource } from "../../../server/contract/index.ts";
import { when } from "../time.ts";

const PLATFORM: Record<HookSource, string> = {
  woocommerce: "WooCommerce",
  stripe: "Stripe",
  orders: "Order webhook",
};

/** The last deliveries of each order webhook: received or refused, and why, in the seller's words. */
export function OrdersReceived({ hooks }: { hooks: HookLog[] }) {
  return (
    <section aria-labelledby="orders-received-title">
      <h3 id="orders-received-title">Orders received</h3>
      {hooks.length === 0 && (
        <p>No order webhook has reached this site yet. See the set-up steps in the settings.</p>
      )}
      {hooks.map((log) => (
        <table key={log.source}>
          <caption>{PLATFORM[log.source]}</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Result</th>
              <th scope="col">Order</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody>
            {log.deliveries.map((delivery, index) => (
              <tr key={`${delivery.at}-${index}`} data-outcome={delivery.outcome}>
                <td data-label="When">{when(delivery.at)}</td>
                <td data-label="Result" class={delivery.verified ? "" : "error"}>
                  {delivery.verified ? "Received" : "Refused"}
                </td>
                <td data-label="Order">
                  {delivery.order ?? "—"}
                  {delivery.test && <span class="muted"> (test)</span>}
                </td>
                <td data-label="What happened">{delivery.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
