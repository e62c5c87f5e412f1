import type { Site } from "../../../server/contract/index.ts";
import { useApi } from "../api.ts";
import { useLoad } from "../useLoad.ts";
import { ClaimsSeen } from "./ClaimsSeen.tsx";
import { Deliveries } from "./Deliveries.tsx";
import { OrdersReceived } from "./OrdersReceived.tsx";
import { Problems } from "./Problems.tsx";
import { TestOrder } from "./TestOrder.tsx";

/**
 * "Is it working?": what the server sees of a site's installation. Problems it can tell for itself, a test order
 * to try the whole path, the orders its shop sent, what its thank-you pages asked for, and the events sent back.
 */
export function Cockpit({ site }: { site: Site }) {
  const api = useApi();
  const cockpit = useLoad(() => api.cockpit(site.id), [site.id]);
  const deliveries = useLoad(() => api.deliveries(site.id), [site.id]);
  const reload = () => {
    cockpit.reload();
    deliveries.reload();
  };
  return (
    <>
      <h2>Is it working?</h2>
      <p>
        What Aquarium has seen of this site: the orders your shop sent, what your thank-you pages asked for,
        and the events sent to your webhook.{" "}
        <button type="button" class="secondary" onClick={reload}>
          Refresh
        </button>
      </p>
      {cockpit.problem && <p class="error banner">{cockpit.problem.message}</p>}
      {!cockpit.data && !cockpit.problem && <p aria-busy="true">Loading…</p>}
      {cockpit.data && <Problems problems={cockpit.data.problems} siteId={site.id} />}
      <TestOrder siteId={site.id} onSent={reload} />
      {cockpit.data && (
        <>
          <OrdersReceived hooks={cockpit.data.hooks} />
          <ClaimsSeen site={site} claims={cockpit.data.claims} onChange={reload} />
        </>
      )}
      <Deliveries siteId={site.id} loaded={deliveries} />
    </>
  );
}
