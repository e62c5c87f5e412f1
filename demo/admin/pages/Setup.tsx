import { useApi } from "../api.ts";
import { CopyButton } from "../components/CopyButton.tsx";
import { useLoad } from "../useLoad.ts";

/** The snippet to paste, and how to tell Aquarium about orders, in the words of each platform's own screens. */
export function Setup({ siteId }: { siteId: string }) {
  const api = useApi();
  const snippet = useLoad(() => api.snippet(siteId), [siteId]);
  if (snippet.problem) {
    return (
      <section aria-labelledby="setup-title">
        <h2 id="setup-title">Set-up</h2>
        <p class="error banner">{snippet.problem.message}</p>
      </section>
    );
  }
  if (!snippet.data) return <p aria-busy="true">Loading the snippet…</p>;
  const { webhooks } = snippet.data;
  return (
    <section aria-labelledby="setup-title">
      <h2 id="setup-title">Set-up</h2>
      <h3>1. The snippet</h3>
      <p>
        Paste this line into your thank-you page (the page buyers see after paying). The{" "}
        <code>integrity</code> part lets browsers check that the script is exactly the one Aquarium published.
      </p>
      <pre class="snippet">
        <code>{snippet.data.snippet}</code>
      </pre>
      <CopyButton value={snippet.data.snippet} label="Copy the snippet" />

      <h3>2a. WooCommerce</h3>
      <ol>
        <li>
          Add the snippet to the order-received page, for example with a plugin that inserts code in the page
          footer, limited to that page.
        </li>
        <li>
          In WordPress, open <em>WooCommerce → Settings → Advanced → Webhooks</em> and choose{" "}
          <em>Add webhook</em>.
        </li>
        <li>
          Status: <em>Active</em>. Topic: <em>Order updated</em>. Delivery URL:{" "}
          <code>{webhooks.woocommerce}</code>{" "}
          <CopyButton value={webhooks.woocommerce} label="Copy the WooCommerce URL" />
        </li>
        <li>
          Secret: the <em>WooCommerce webhook secret</em> shown when this site was made (or make a new one
          above). Save the webhook.
        </li>
        <li>Add your shop's address (like https://shop.example) to the allowed origins above.</li>
      </ol>

      <h3>2b. Stripe Checkout or Payment Links</h3>
      <ol>
        <li>
          In the Stripe Dashboard, open <em>Developers → Webhooks</em> and add an endpoint with the URL{" "}
          <code>{webhooks.stripe}</code> <CopyButton value={webhooks.stripe} label="Copy the Stripe URL" />
        </li>
        <li>
          Choose the event <code>checkout.session.completed</code> and add the endpoint.
        </li>
        <li>
          Reveal the endpoint's <em>Signing secret</em> (it starts with <code>whsec_</code>) and paste it into{" "}
          <em>Stripe signing secret</em> above.
        </li>
        <li>
          Make your success page the thank-you page, with <code>?session_id={"{CHECKOUT_SESSION_ID}"}</code>{" "}
          at the end of its address, and paste the snippet into that page.
        </li>
      </ol>

      <h3>2c. Any other platform</h3>
      <p>
        Send each paid order to <code>{webhooks.orders}</code>{" "}
        <CopyButton value={webhooks.orders} label="Copy the order webhook URL" />, signed per Standard
        Webhooks with the <em>order webhook secret</em>.
      </p>
    </section>
  );
}
