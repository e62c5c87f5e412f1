import { describe, expect, test } from "vitest";
import { CARDS, type StripeEvent, stripeStandIn } from "../../../demo/stand-ins/stripe.ts";
import { STAND_IN_LABEL, stripePages } from "../../../demo/stand-ins/stripe-pages.ts";

const KEY = "rk_test_standInPagesKey";
const PAGES = "http://shop.example/stand-ins/stripe";

/** The stand-in with its pages mounted at PAGES, and the events its pages cause. */
function standIn() {
  const stripe = stripeStandIn({ keys: [KEY], pagesUrl: PAGES });
  const events: StripeEvent[] = [];
  stripe.onEvent = (event) => {
    events.push(event);
  };
  const pages = stripePages(stripe);
  /** Stripe's API as the SDK calls it: form-encoded, with the key. */
  const call = async (path: string, form: Record<string, string>) =>
    (await (
      await stripe.api(
        new Request(`http://api.example${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${KEY}`, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(form),
        }),
      )
    ).json()) as Record<string, unknown> & { id: string };
  const open = (url: string, answer?: string) =>
    pages(new Request(url, answer ? { method: "POST", body: new URLSearchParams({ answer }) } : undefined));
  return { stripe, events, call, open };
}

/** A PaymentIntent on a card that needs 3-D Secure, confirmed on-session: waiting for the bank. */
const awaitingBank = (world: ReturnType<typeof standIn>) =>
  world.call("/v1/payment_intents", {
    amount: "6675",
    currency: "eur",
    payment_method: CARDS.authenticationRequired,
    confirm: "true",
    return_url: "https://offers.example/v1/payments/dec_1/return?sig=s",
  });

/** A single-use Checkout Session, as the server makes it for a pay link. */
const payLink = (world: ReturnType<typeof standIn>) =>
  world.call("/v1/checkout/sessions", {
    mode: "payment",
    "line_items[0][price_data][currency]": "eur",
    "line_items[0][price_data][unit_amount]": "6675",
    "line_items[0][quantity]": "2",
    success_url: "https://offers.example/v1/payments/dec_2/return?sig=s&session_id={CHECKOUT_SESSION_ID}",
    "metadata[aquarium_decision]": "dec_2",
  });

describe("the Stripe stand-in's pages", () => {
  test("every page it serves says it is a demo stand-in for Stripe with no real money: the bank's, Checkout's, and one that does not exist", async () => {
    const world = standIn();
    const intent = await awaitingBank(world);
    const session = await payLink(world);
    const urls = [
      (intent.next_action as { redirect_to_url: { url: string } }).redirect_to_url.url,
      String(session.url),
      `${PAGES}/checkout/cs_test_nothing`,
    ];
    expect(urls.slice(0, 2)).toEqual([`${PAGES}/3ds/${intent.id}`, `${PAGES}/checkout/${session.id}`]);
    const answers = await Promise.all(urls.map((url) => world.open(url)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 404]);
    for (const answer of answers) {
      const html = await answer.text();
      expect(html).toContain(`<p class="stand-in" role="note">${STAND_IN_LABEL}</p>`);
      expect(html).toMatch(new RegExp(`<title>[^<]*${STAND_IN_LABEL}</title>`));
    }
    expect(STAND_IN_LABEL).toBe("Demo stand-in for Stripe — no real money");
  });

  test("the bank's page: approved, the PaymentIntent succeeds, Stripe says so, and the buyer goes back to the return_url with it", async () => {
    const world = standIn();
    const intent = await awaitingBank(world);
    expect(intent.status).toBe("requires_action");
    const page = `${PAGES}/3ds/${intent.id}`;
    expect(await (await world.open(page)).text()).toContain("€66.75");

    const back = await world.open(page, "approve");
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe(
      `https://offers.example/v1/payments/dec_1/return?sig=s&payment_intent=${intent.id}&redirect_status=succeeded`,
    );
    expect(world.stripe.objects.get(intent.id)?.status).toBe("succeeded");
    expect(world.events.map((event) => event.type)).toEqual(["payment_intent.succeeded"]);
    // Answered once: the page has nothing left to confirm.
    expect((await world.open(page, "approve")).status).toBe(409);
    expect(world.events).toHaveLength(1);
  });

  test("the bank's page: failed, the PaymentIntent needs another card, and Stripe says the payment failed", async () => {
    const world = standIn();
    const intent = await awaitingBank(world);
    const back = await world.open(`${PAGES}/3ds/${intent.id}`, "fail");
    expect(back.headers.get("location")).toContain("redirect_status=failed");
    expect(world.stripe.objects.get(intent.id)?.status).toBe("requires_payment_method");
    expect(world.events.map((event) => event.type)).toEqual(["payment_intent.payment_failed"]);
  });

  test("Checkout's page: paid once however often it is posted, then on to the success_url with the session's id filled in", async () => {
    const world = standIn();
    const session = await payLink(world);
    const page = String(session.url);
    expect(await (await world.open(page)).text()).toContain("<h1>Pay €133.50</h1>");

    const [first, second] = [await world.open(page, "pay"), await world.open(page, "pay")];
    for (const answer of [first, second]) {
      expect(answer.status).toBe(303);
      expect(answer.headers.get("location")).toBe(
        `https://offers.example/v1/payments/dec_2/return?sig=s&session_id=${session.id}`,
      );
    }
    const paid = world.stripe.objects.get(session.id);
    expect(paid).toMatchObject({ status: "complete", payment_status: "paid" });
    const intent = world.stripe.objects.get(String(paid?.payment_intent));
    expect(intent).toMatchObject({ status: "succeeded", amount: 13350 });
    expect(world.events.map((event) => event.type)).toEqual(["checkout.session.completed"]);
    expect(await (await world.open(page)).text()).toContain("This payment is complete");
  });
});
