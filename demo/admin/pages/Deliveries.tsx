import { useState } from "preact/hooks";
import type { DeliveriesAnswer, Delivery } from "../../../server/contract/index.ts";
import { problemOf, useApi } from "../api.ts";
import { when } from "../time.ts";
import type { Loaded } from "../useLoad.ts";

const STATUS: Record<Delivery["status"], string> = {
  pending: "Being sent",
  delivered: "Delivered",
  dead: "Given up",
};

function lastAnswer(delivery: Delivery): string {
  if (delivery.lastStatus !== null) return `HTTP ${delivery.lastStatus}`;
  return delivery.lastError ?? (delivery.attempts === 0 ? "not tried yet" : "—");
}

/** The events sent to the seller's webhook: each one's state, attempts and last answer, and "send again". */
export function Deliveries({ siteId, loaded }: { siteId: string; loaded: Loaded<DeliveriesAnswer> }) {
  const api = useApi();
  const [said, setSaid] = useState("");
  const [problem, setProblem] = useState("");
  const resend = async (delivery: Delivery) => {
    setProblem("");
    try {
      await api.resendDelivery(siteId, delivery.id);
      setSaid(`${delivery.type} will be sent again.`);
      loaded.reload();
    } catch (error) {
      setProblem(problemOf(error).message);
    }
  };
  return (
    <section aria-labelledby="deliveries-title">
      <h3 id="deliveries-title">Events sent to your webhook</h3>
      {loaded.problem && <p class="error banner">{loaded.problem.message}</p>}
      {loaded.data?.deliveries.length === 0 && (
        <p>No event yet: each offer accepted or declined is sent to the site's webhook URL.</p>
      )}
      {loaded.data && loaded.data.deliveries.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Made</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
              <th scope="col">Next attempt</th>
              <th scope="col">
                <span class="sr">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {loaded.data.deliveries.map((delivery) => (
              <tr key={delivery.id} data-status={delivery.status}>
                <td data-label="Event">
                  {delivery.type}
                  {delivery.test && <span class="muted"> (test)</span>}
                </td>
                <td data-label="Made">{when(delivery.createdAt)}</td>
                <td data-label="State" class={delivery.status === "dead" ? "error" : ""}>
                  {STATUS[delivery.status]}
                </td>
                <td data-label="Attempts">{delivery.attempts}</td>
                <td data-label="Last answer">{lastAnswer(delivery)}</td>
                <td data-label="Next attempt">
                  {delivery.nextAttemptAt ? when(delivery.nextAttemptAt) : "—"}
                </td>
                <td class="actions">
                  {delivery.status !== "pending" && (
                    <button
                      type="button"
                      class="secondary"
                      onClick={() => resend(delivery)}
                      aria-label={`Send ${delivery.type} of ${when(delivery.createdAt)} again`}
                    >
                      Send again
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <p role="status">{said}</p>
    </section>
  );
}
