import { useState } from "preact/hooks";
import type { HookSource, TestOrderAnswer } from "../../../server/contract/index.ts";
import { problemOf, useApi } from "../api.ts";
import { formatMoney } from "../money.ts";

const SOURCES: { value: HookSource | ""; label: string }[] = [
  { value: "", label: "The one this site last received from" },
  { value: "woocommerce", label: "WooCommerce" },
  { value: "stripe", label: "Stripe" },
  { value: "orders", label: "Order webhook (any other platform)" },
];

const RESULTS: Record<TestOrderAnswer["result"], string> = {
  stored: "registered",
  duplicate: "already received",
  stale: "older than the one stored",
  ignored: "ignored",
  ping: "a ping",
};

/**
 * "Send a test order": a paid order signed with the site's own secret, through its order webhook, then the
 * thank-you page preview where the offer a buyer would get shows, as it would on the shop's page.
 */
export function TestOrder({ siteId, onSent }: { siteId: string; onSent: () => void }) {
  const api = useApi();
  const [source, setSource] = useState<HookSource | "">("");
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<TestOrderAnswer | null>(null);
  const [problem, setProblem] = useState("");
  const send = async () => {
    setSending(true);
    setProblem("");
    try {
      setSent(await api.sendTestOrder(siteId, source || undefined));
      onSent();
    } catch (error) {
      setSent(null);
      setProblem(problemOf(error).message);
    } finally {
      setSending(false);
    }
  };
  return (
    <section aria-labelledby="test-order-title">
      <h3 id="test-order-title">Send a test order</h3>
      <p>
        A paid order, signed with this site's secret and received exactly as your shop's would be. It is
        marked as a test: it never counts in the stats, accepting its offer charges nothing, and the events it
        sends your webhook say <code>"test": true</code>.
      </p>
      <div class="row">
        <div class="field">
          <label for="test-order-source">Through</label>
          <select
            id="test-order-source"
            value={source}
            onChange={(event) => setSource((event.target as HTMLSelectElement).value as HookSource | "")}
          >
            {SOURCES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p>
        <button type="button" onClick={send} disabled={sending}>
          {sending ? "Sending…" : "Send a test order"}
        </button>
      </p>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <div role="status">
        {sent && (
          <p>
            Test order {sent.order.id} ({formatMoney(sent.order.total, sent.order.currency)}) was{" "}
            {RESULTS[sent.result]}.{" "}
            <a href={sent.previewUrl} target="_blank" rel="noopener noreferrer">
              Open its thank-you page preview
            </a>{" "}
            to see the offer a buyer would get.
          </p>
        )}
      </div>
    </section>
  );
}
