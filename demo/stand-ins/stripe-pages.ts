import { standInPage } from "./page.ts";
import type { StripeObject, StripeStandIn } from "./stripe.ts";

/** Said at the top of every page the stand-in serves: nobody may take it for Stripe. */
export const STAND_IN_LABEL = "Demo stand-in for Stripe — no real money";

/** An amount in minor units, as Stripe's pages show it (JPY has no decimals, EUR two). */
function money(amount: unknown, currency: unknown): string {
  const code = String(currency ?? "usd").toUpperCase();
  const format = new Intl.NumberFormat("en", { style: "currency", currency: code });
  return format.format(Number(amount) / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/** Stripe's look: its purple buttons. */
const page = (title: string, body: string, status = 200) =>
  standInPage({
    label: STAND_IN_LABEL,
    title,
    body,
    status,
    style: "button{background:#635bff}button.alt{background:#e3e8ee;color:#1a1f36}",
  });

const redirect = (to: string) => new Response(null, { status: 303, headers: { location: to } });

/** The bank's confirmation page of a PaymentIntent (3-D Secure): approve or fail, then back to `return_url`. */
async function bankPage(standIn: StripeStandIn, request: Request, intent: StripeObject): Promise<Response> {
  const next = intent.next_action as { redirect_to_url?: { return_url?: string | null } } | null;
  const returnUrl = next?.redirect_to_url?.return_url;
  if (request.method !== "POST") {
    if (intent.status !== "requires_action" || !returnUrl)
      return page("Nothing to confirm", "<p>This payment does not wait for your bank.</p>", 409);
    return page(
      "Confirm your payment with your bank",
      `<p>Your bank asks you to confirm a payment of <strong>${money(intent.amount, intent.currency)}</strong>.</p>
<form method="post"><button name="answer" value="approve">Complete authentication</button><button class="alt" name="answer" value="fail">Fail authentication</button></form>
<p class="note">On Stripe, this is your bank's own page (3-D Secure). Here, you choose what the bank answers.</p>`,
    );
  }
  if (!returnUrl) return page("Nothing to confirm", "<p>This payment does not wait for your bank.</p>", 409);
  const answer = new URLSearchParams(await request.text()).get("answer");
  const settled = await standIn.authenticate(intent.id, answer === "approve");
  const back = new URL(returnUrl);
  back.searchParams.set("payment_intent", settled.id);
  back.searchParams.set("redirect_status", settled.status === "succeeded" ? "succeeded" : "failed");
  return redirect(back.toString());
}

/** A Checkout Session's hosted payment page: pay, then on to its `success_url`. */
async function checkoutPage(
  standIn: StripeStandIn,
  request: Request,
  session: StripeObject,
): Promise<Response> {
  const success = () => String(session.success_url).replaceAll("{CHECKOUT_SESSION_ID}", session.id);
  if (request.method === "POST") {
    if (session.status === "open") await standIn.payCheckout(session.id);
    return session.status === "complete" ? redirect(success()) : page("This link has expired", "", 410);
  }
  if (session.status === "complete") return page("Paid", "<p>This payment is complete. Thank you!</p>");
  if (session.status !== "open") return page("This link has expired", "<p>Nothing was charged.</p>", 410);
  const amount = money(session.amount_total, session.currency);
  return page(
    `Pay ${amount}`,
    `<form method="post"><button name="answer" value="pay">Pay</button></form>
<p class="note">On Stripe, this is Checkout: the buyer enters a card, or pays with a wallet. Here, the test card 4242 pays.</p>`,
  );
}

/**
 * The stand-in's hosted pages, wherever they are mounted (`…/3ds/pi_…`, `…/checkout/cs_…`): the bank's
 * confirmation and Checkout, each plainly labelled as a stand-in.
 */
export function stripePages(standIn: StripeStandIn): (request: Request) => Promise<Response> {
  return async (request) => {
    const path = new URL(request.url).pathname;
    const threeDs = /\/3ds\/(pi_\w+)$/.exec(path)?.[1];
    const intent = threeDs && standIn.objects.get(threeDs);
    if (intent) return bankPage(standIn, request, intent);
    const checkout = /\/checkout\/(cs_\w+)$/.exec(path)?.[1];
    const session = checkout && standIn.objects.get(checkout);
    if (session) return checkoutPage(standIn, request, session);
    return page("Not found", "<p>No such page.</p>", 404);
  };
}
