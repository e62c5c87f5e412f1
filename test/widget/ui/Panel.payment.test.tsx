// @vitest-environment happy-dom
import { act, cleanup, render, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { Decision } from "../../../server/contract/widget.ts";
import { ApiError } from "../../../widget/api.ts";
import { en } from "../../../widget/i18n/en.ts";
import { createController, PAYMENT_POLL_MS, SEEN_MS } from "../../../widget/state.ts";
import { createStorage } from "../../../widget/storage.ts";
import { Panel } from "../../../widget/ui/Panel.tsx";
import { fakeApi, memoryStorage, ORDER, offer, SITE } from "../../support/widget-api.ts";

const PAGE = "https://fish.example/checkout/order-received/727/?key=wc_order_58d2d042d1d";

/** What an accept's payment can come to, as the panel shows it to the buyer. */
describe("the panel's payment states (fake api)", () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  async function accepted(payment: Decision["payment"], receipts?: (n: number) => unknown) {
    const { api, calls } = fakeApi(
      // The offer, then (asked again while a payment waits) nothing new: the funnel has no next step.
      (n) => (n === 0 ? offer("offer_tank0001") : null),
      () => null,
      {
        payment,
        ...(receipts && { receipt: receipts }),
      },
    );
    const controller = createController({
      api,
      storage: createStorage(() => memoryStorage()),
      site: SITE,
      order: ORDER,
      pageUrl: () => PAGE,
    });
    await controller.start();
    const view = render(<Panel controller={controller} strings={en} locale="en" />);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SEEN_MS);
    });
    await act(async () => {
      await controller.decide("accept");
    });
    return { view, calls, controller };
  }
  const line = (view: ReturnType<typeof render>) => view.container.querySelector(".receipt li");
  const status = (view: ReturnType<typeof render>) =>
    view.container.querySelector("[role=status]")?.textContent;

  test("the accept carries the thank-you page to come back to from a bank's page or a pay link", async () => {
    const { calls } = await accepted({ provider: "demo", status: "paid" });
    expect(calls.decisions[0]?.request).toMatchObject({ action: "accept", returnTo: PAGE });
  });

  test("paid: the receipt says what was added, its amount, and Paid", async () => {
    const { view } = await accepted({ provider: "stripe", status: "paid" });
    expect(status(view)).toBe(en.accepted);
    expect(line(view)?.textContent).toBe("Offer offer_tank0001 × 1: $66.75 · Paid");
  });

  test("the bank asks: a button to confirm with the bank, in this tab, so the buyer comes back here", async () => {
    const { view } = await accepted({
      provider: "stripe",
      status: "requires_action",
      actionUrl: "https://offers.example/v1/payments/dec_1/confirm?sig=abc",
    });
    expect(status(view)).toBe(en.waiting);
    const link = view.getByRole("link", { name: en.confirmBank });
    expect(link.getAttribute("href")).toBe("https://offers.example/v1/payments/dec_1/confirm?sig=abc");
    expect(link.getAttribute("target")).toBeNull();
    expect(view.container.querySelector("img")).toBeNull();
  });

  test("a pay link: Pay $66.75 in a tab of its own, and its QR code to pay on a phone", async () => {
    const { view } = await accepted({
      provider: "stripe",
      status: "requires_action",
      actionUrl: "https://checkout.stripe.com/c/pay/cs_test_abc",
      qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
    });
    const link = view.getByRole("link", { name: "Pay $66.75" });
    expect(link.getAttribute("target")).toBe("_blank");
    const qr = view.getByRole("img", { name: en.scanToPay });
    expect(qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml,%3Csvg/);
  });

  test("a WooCommerce order to pay: Complete payment, with its QR code", async () => {
    const { view } = await accepted({
      provider: "woocommerce",
      status: "requires_action",
      actionUrl: "https://shop.example/checkout/order-pay/731/?pay_for_order=true&key=wc_order_x",
      qrSvg: "<svg></svg>",
    });
    expect(view.getByRole("link", { name: en.completePayment }).getAttribute("href")).toContain(
      "/order-pay/731/",
    );
  });

  test("declined: the panel says the payment failed and nothing was charged", async () => {
    const { view } = await accepted({ provider: "stripe", status: "failed" });
    expect(status(view)).toBe(en.failed);
    expect(line(view)?.textContent).toBe(
      "Offer offer_tank0001 × 1: $66.75 · Payment failed: nothing was charged",
    );
    expect(view.queryByRole("link")).toBeNull();
  });

  test("while a payment waits, the outcome is asked for again: once the server says paid, the receipt says Paid and the asking stops", async () => {
    const waiting = {
      provider: "stripe" as const,
      status: "requires_action" as const,
      actionUrl: "https://checkout.stripe.com/c/pay/cs_test_abc",
      qrSvg: "<svg></svg>",
    };
    const paidLine = {
      id: "dec_1",
      offer: "offer_tank0001",
      title: "Offer offer_tank0001",
      action: "accept",
      status: "accepted",
      quantity: 1,
      amount: 6675,
      currency: "USD",
      payment: { provider: "stripe", status: "paid" },
    };
    const { view, calls } = await accepted(waiting, (n) => (n === 0 ? undefined : [paidLine]));
    expect(calls.claims).toHaveLength(1);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(PAYMENT_POLL_MS);
    });
    await waitFor(() => expect(line(view)?.textContent).toBe("Offer offer_tank0001 × 1: $66.75 · Paid"));
    // The line above says so too: no "Waiting for payment" left beside a paid line.
    expect(status(view)).toBe(en.accepted);
    expect(calls.claims).toHaveLength(2);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(PAYMENT_POLL_MS * 3);
    });
    expect(calls.claims).toHaveLength(2);
  });

  test("another tab of this browser answered first: its decision comes with the 409, and the resumed claim says how it stands and what comes next", async () => {
    const theirs = {
      id: "dec_other1",
      offer: "offer_tank0001",
      title: "The tank",
      action: "accept",
      status: "accepted",
      quantity: 1,
      amount: 6675,
      currency: "USD",
      payment: { provider: "stripe", status: "paid" },
    };
    const { api, calls } = fakeApi(
      (n) => (n === 0 ? offer("offer_tank0001") : offer("offer_food0002", 2)),
      () =>
        new ApiError(
          "already_decided",
          {
            error: { code: "already_decided", message: "This offer was already decided." },
            decision: theirs,
          },
          409,
        ),
      { receipt: (n) => (n === 0 ? undefined : [theirs]) },
    );
    const controller = createController({
      api,
      storage: createStorage(() => memoryStorage()),
      site: SITE,
      order: ORDER,
    });
    await controller.start();
    const view = render(<Panel controller={controller} strings={en} locale="en" />);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SEEN_MS);
    });
    await act(async () => {
      await controller.decide("accept");
    });
    expect(calls.claims).toHaveLength(2);
    expect(view.getByRole("heading", { level: 2 }).textContent).toBe("Offer offer_food0002");
    expect(status(view)).toBe(en.acceptedNext);
    expect(line(view)?.textContent).toBe("The tank × 1: $66.75 · Paid");
  });

  test("after a reload, the receipt comes back with the claim: what was added and how its payment stands, a line it cannot read left out", async () => {
    const { api } = fakeApi(
      () => null,
      () => null,
      {
        receipt: () => [
          {
            id: "dec_1",
            offer: "offer_tank0001",
            title: "The tank",
            action: "accept",
            status: "accepted",
            quantity: 2,
            amount: 13350,
            currency: "USD",
            payment: { provider: "stripe", status: "refunded", refunded: 1000 },
          },
          { id: "dec_2", nonsense: true },
          {
            id: "dec_3",
            offer: "offer_kit00003",
            title: "Complete the set",
            productName: "Aquarium kit 20 l",
            action: "accept",
            status: "accepted",
            quantity: 1,
            amount: 4900,
            currency: "USD",
            payment: { provider: "woocommerce", status: "pending" },
          },
        ],
      },
    );
    const controller = createController({
      api,
      storage: createStorage(() => memoryStorage()),
      site: SITE,
      order: ORDER,
    });
    expect(await controller.start()).toBe(true);
    const view = render(<Panel controller={controller} strings={en} locale="en" />);
    expect([...view.container.querySelectorAll(".receipt li")].map((item) => item.textContent)).toEqual([
      "The tank × 2: $133.50 · $10.00 refunded",
      // A title of the seller's keeps the product's own name beside it.
      "Complete the set (Aquarium kit 20 l) × 1: $49.00 · The seller will send you the bill.",
    ]);
    expect(view.queryByRole("button")).toBeNull();
  });
});
