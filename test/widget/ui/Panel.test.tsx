// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, waitFor, within } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createApi, type Fetch } from "../../../widget/api.ts";
import { LOCALES } from "../../../widget/i18n/index.ts";
import { stringsFor } from "../../../widget/i18n/tables.ts";
import { previewController } from "../../../widget/preview.ts";
import { type Controller, createController } from "../../../widget/state.ts";
import { createStorage, type WidgetStorage } from "../../../widget/storage.ts";
import { Panel } from "../../../widget/ui/Panel.tsx";
import { type TestApp, testApp } from "../../support/app.ts";
import { ORDER_KEY, ORIGIN, paidOrder, seedShop } from "../../support/shop.ts";
import { memoryStorage, offer } from "../../support/widget-api.ts";

const en = stringsFor("en");
const order = { source: "woocommerce", id: "727", key: ORDER_KEY } as const;
/** The shop's offer window: the order was paid a minute before the clock, so 29 minutes are left. */
const WINDOW_MS = 30 * 60_000;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const isDecision = (url: string) => /\/v1\/sessions\/[^/]+\/decisions$/.test(url);

describe("the offer panel against the real server", () => {
  let harness: TestApp;
  let shop: Awaited<ReturnType<typeof seedShop>>;

  /**
   * The widget's fetch, answered in process by the app, with the headers the shop's page would send.
   * In happy-dom the app's Request is happy-dom's, whose constructor drops the headers a page's script may
   * not set (Origin, Content-Length) because the browser adds them itself. So the browser's part is done
   * here, on the built request: Origin, and Content-Length (without it Hono's body limit rebuilds the
   * request, which drops Origin again).
   */
  const server: Fetch = async (url, init) => {
    const request = new Request(`http://localhost${url}`, {
      ...init,
      headers: { ...Object.fromEntries(new Headers(init.headers)), origin: ORIGIN },
    });
    request.headers.set("origin", ORIGIN);
    if (typeof init.body === "string") {
      request.headers.set("content-length", String(new TextEncoder().encode(init.body).byteLength));
    }
    return harness.app.request(request);
  };

  async function setUp(payments: "demo" | "manual" = "demo") {
    harness = await testApp("sqlite");
    shop = await seedShop(harness, { payments });
    await paidOrder(harness, shop.siteId);
  }

  function controllerFor(options: { fetcher?: Fetch; storage?: WidgetStorage } = {}): Controller {
    return createController({
      api: createApi("", options.fetcher ?? server),
      storage: options.storage ?? createStorage(() => undefined),
      site: shop.siteId,
      order,
    });
  }

  /**
   * Claims the session as the widget does, then renders the panel on the harness's clock and, unless told
   * otherwise, waits the half second after which the offer shown may be decided.
   */
  async function open(
    options: { fetcher?: Fetch; storage?: WidgetStorage; locale?: string; waitSeen?: boolean } = {},
  ) {
    const locale = options.locale ?? "en";
    const controller = controllerFor(options);
    expect(await controller.start()).toBe(true);
    const view = render(
      <Panel controller={controller} strings={stringsFor(locale)} locale={locale} now={() => harness.now} />,
    );
    const region = view.getByRole("region", { name: stringsFor(locale).region });
    if (options.waitSeen !== false) await seen(region);
    return { controller, view, region, ui: within(region) };
  }

  /** Waits until the offer on screen may be decided: its buttons no longer say they are disabled. */
  const seen = (region: HTMLElement) =>
    waitFor(() => {
      const all = [...buttons(region)];
      expect(all.length).toBeGreaterThan(0);
      for (const button of all) expect(button.hasAttribute("aria-disabled")).toBe(false);
    });

  /** The panel's live region (role="status" is aria-live="polite"): what happened, announced. */
  const liveRegion = (region: HTMLElement) => within(region).getByRole("status");
  const buttons = (region: HTMLElement) => region.querySelectorAll("button");

  beforeEach(async () => {
    await setUp();
  });

  afterEach(async () => {
    cleanup();
    vi.useRealTimers();
    await harness.dispose();
  });

  test("the offer state shows the tank, its struck regular price, saving, quantity, countdown and two buttons", async () => {
    const { region, ui } = await open();

    expect(region.tagName).toBe("SECTION");
    expect(region.getAttribute("aria-label")).toBe("A special offer for your order");
    expect(ui.getByRole("heading", { level: 2 }).textContent).toBe("The tank");

    const struck = region.querySelectorAll("s");
    expect(struck).toHaveLength(1);
    expect(struck[0]?.textContent).toBe("Regular price: $89.00");
    const price = region.querySelector("strong");
    expect(price?.textContent).toBe("Your price: $66.75");
    expect(region.querySelector(".save")?.textContent).toBe("You save $22.25");

    const select = ui.getByRole("combobox", { name: "Quantity" }) as HTMLSelectElement;
    expect([...select.options].map((option) => [option.value, option.textContent])).toEqual([
      ["1", "1"],
      ["2", "2"],
    ]);
    expect(select.value).toBe("1");

    expect(ui.getByRole("timer").textContent).toBe("Offer ends in 29:00");

    const [accept, decline] = [...buttons(region)];
    expect(buttons(region)).toHaveLength(2);
    expect(accept?.textContent).toBe("Add to my order");
    expect(decline?.textContent).toBe("No, thanks");
    expect(accept?.disabled).toBe(false);
    expect(decline?.disabled).toBe(false);
    expect(ui.getByRole("button", { name: "Add to my order" })).toBe(accept);
    expect(ui.getByRole("button", { name: "No, thanks" })).toBe(decline);

    // No price is a link; in fact there is no link at all while the offer is open.
    expect(document.querySelectorAll("a")).toHaveLength(0);
    expect(liveRegion(region).textContent).toBe("");
    expect(ui.queryByRole("alert")).toBeNull();
  });

  test("choosing a quantity of 2 doubles the price and the saving", async () => {
    const { controller, region, ui } = await open();
    const select = ui.getByRole("combobox", { name: "Quantity" }) as HTMLSelectElement;

    fireEvent.change(select, { target: { value: "2" } });

    expect(controller.state.quantity).toBe(2);
    expect(region.querySelector("strong")?.textContent).toBe("Your price: $133.50");
    expect(region.querySelector(".save")?.textContent).toBe("You save $44.50");
    // The regular price stays the unit price.
    expect(region.querySelector("s")?.textContent).toBe("Regular price: $89.00");
  });

  test("accepting a quantity of 2 charges the server's price for two", async () => {
    const { region, ui } = await open();
    fireEvent.change(ui.getByRole("combobox", { name: "Quantity" }), { target: { value: "2" } });
    fireEvent.click(ui.getByRole("button", { name: "Add to my order" }));

    await waitFor(() => expect(ui.getByRole("heading", { level: 2 }).textContent).toBe("The food"));
    const payments = await harness.store.payments.list(shop.siteId);
    expect(payments.map((payment) => payment.amount)).toEqual([13350]);
    expect(liveRegion(region).textContent).toBe(en.acceptedNext);
  });

  test("while the decision is on its way the accept button says Adding…, is busy, and both buttons are disabled", async () => {
    const gate = deferred();
    let sent = 0;
    const held: Fetch = async (url, init) => {
      const response = await server(url, init);
      if (isDecision(url)) {
        sent += 1;
        await gate.promise;
      }
      return response;
    };
    const { region, ui } = await open({ fetcher: held });

    fireEvent.click(ui.getByRole("button", { name: "Add to my order" }));

    await waitFor(() => expect(sent).toBe(1));
    const [accept, decline] = [...buttons(region)];
    expect(accept?.textContent).toBe("Adding…");
    expect(accept?.getAttribute("aria-busy")).toBe("true");
    expect(accept?.disabled).toBe(true);
    expect(decline?.disabled).toBe(true);
    expect(decline?.getAttribute("aria-busy")).not.toBe("true");
    expect((ui.getByRole("combobox", { name: "Quantity" }) as HTMLSelectElement).disabled).toBe(true);
    // A second click while sending sends nothing.
    if (accept) fireEvent.click(accept);
    if (decline) fireEvent.click(decline);
    expect(sent).toBe(1);

    gate.resolve();
    await waitFor(() => expect(liveRegion(region).textContent).toBe(en.acceptedNext));
    const [after] = [...buttons(region)];
    expect(after?.textContent).toBe("Add to my order");
    expect(after?.disabled).toBe(false);
    expect(after?.getAttribute("aria-busy")).toBe("false");
    expect(sent).toBe(1);
  });

  test("after accepting, the panel says so and shows the next upsell: the food at $4.00", async () => {
    const { region, ui } = await open();

    fireEvent.click(ui.getByRole("button", { name: "Add to my order" }));

    await waitFor(() => expect(ui.getByRole("heading", { level: 2 }).textContent).toBe("The food"));
    expect(liveRegion(region).textContent).toBe("Added to your order. One more thing:");
    // The receipt says what was added and that it is paid; the next offer follows it.
    expect(region.querySelector(".receipt")?.textContent).toBe(
      "Added to your orderThe tank × 1: $66.75 · Paid",
    );
    expect(region.querySelector(".price strong")?.textContent).toBe("Your price: $4.00");
    expect(region.querySelector("s")?.textContent).toBe("Regular price: $5.00");
    expect(region.querySelector(".save")?.textContent).toBe("You save $1.00");
    // The food offer allows one: no quantity to choose.
    expect(ui.queryByRole("combobox")).toBeNull();
    expect([...buttons(region)].map((button) => button.textContent)).toEqual([
      "Add to my order",
      "No, thanks",
    ]);
    expect(ui.getByRole("timer").textContent).toBe("Offer ends in 29:00");
  });

  test("after declining, the panel offers the water-care downsell", async () => {
    const { region, ui } = await open();

    fireEvent.click(ui.getByRole("button", { name: "No, thanks" }));

    await waitFor(() => expect(ui.getByRole("heading", { level: 2 }).textContent).toBe("The water-care"));
    expect(liveRegion(region).textContent).toBe("No problem. Perhaps this instead:");
    expect(region.querySelector("strong")?.textContent).toBe("Your price: $15.20");
    expect(region.querySelector("s")?.textContent).toBe("Regular price: $19.00");
    expect(region.querySelector(".save")?.textContent).toBe("You save $3.80");
    expect(buttons(region)).toHaveLength(2);
    expect(await harness.store.payments.list(shop.siteId)).toEqual([]);
  });

  test("accepting the tank and then the food ends with a thank-you and no buttons", async () => {
    const { region, ui } = await open();

    fireEvent.click(ui.getByRole("button", { name: "Add to my order" }));
    await waitFor(() => expect(ui.getByRole("heading", { level: 2 }).textContent).toBe("The food"));
    await seen(region);
    fireEvent.click(ui.getByRole("button", { name: "Add to my order" }));

    await waitFor(() => expect(liveRegion(region).textContent).toBe("Added to your order. Thank you!"));
    expect(buttons(region)).toHaveLength(0);
    // Only the receipt's heading is left: both lines, paid.
    expect(ui.getAllByRole("heading").map((heading) => heading.textContent)).toEqual(["Added to your order"]);
    expect([...region.querySelectorAll(".receipt li")].map((line) => line.textContent)).toEqual([
      "The tank × 1: $66.75 · Paid",
      "The food × 1: $4.00 · Paid",
    ]);
    expect(ui.queryByRole("timer")).toBeNull();
    expect(region.textContent).not.toContain(en.pending);
    expect(document.querySelectorAll("a")).toHaveLength(0);
    const payments = await harness.store.payments.list(shop.siteId);
    expect(payments.map((payment) => payment.amount).sort((a, b) => a - b)).toEqual([400, 6675]);
  });

  test("with manual payments the last word also says the seller will send the bill", async () => {
    await harness.dispose();
    await setUp("manual");
    const { region, ui } = await open();

    fireEvent.click(ui.getByRole("button", { name: "Add to my order" }));
    await waitFor(() => expect(ui.getByRole("heading", { level: 2 }).textContent).toBe("The food"));
    await seen(region);
    fireEvent.click(ui.getByRole("button", { name: "Add to my order" }));

    await waitFor(() =>
      expect(liveRegion(region).textContent).toBe(
        "Added to your order. Thank you! The seller will send you the bill.",
      ),
    );
    expect(buttons(region)).toHaveLength(0);
    expect(document.querySelectorAll("a")).toHaveLength(0);
  });

  test("declining the tank and then the water care ends with 'Enjoy your order!' and no buttons", async () => {
    const { region, ui } = await open();

    fireEvent.click(ui.getByRole("button", { name: "No, thanks" }));
    await waitFor(() => expect(ui.getByRole("heading", { level: 2 }).textContent).toBe("The water-care"));
    await seen(region);
    fireEvent.click(ui.getByRole("button", { name: "No, thanks" }));

    await waitFor(() => expect(liveRegion(region).textContent).toBe("No problem. Enjoy your order!"));
    expect(buttons(region)).toHaveLength(0);
    expect(ui.queryByRole("heading")).toBeNull();
    expect(await harness.store.payments.list(shop.siteId)).toEqual([]);
  });

  test("when the countdown runs out the panel says the offer has expired and removes the buttons", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const { controller, region, ui } = await open();
    expect(ui.getByRole("timer").textContent).toBe("Offer ends in 29:00");

    // One tick on the clock: the countdown follows the server's clock.
    harness.now += 60_000;
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(ui.getByRole("timer").textContent).toBe("Offer ends in 28:00");
    expect(controller.state.phase).toBe("offer");

    harness.now += WINDOW_MS;
    act(() => {
      vi.advanceTimersByTime(1000);
    });

    expect(controller.state.phase).toBe("expired");
    expect(liveRegion(region).textContent).toBe("This offer has expired.");
    expect(buttons(region)).toHaveLength(0);
    expect(ui.queryByRole("timer")).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  test("accepting after the window closed gets a 410 from the server and says the offer has expired", async () => {
    // Hold the countdown still, so only the server can tell that the window closed.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const statuses: number[] = [];
    const recording: Fetch = async (url, init) => {
      const response = await server(url, init);
      if (isDecision(url)) statuses.push(response.status);
      return response;
    };
    const { controller, region, ui } = await open({ fetcher: recording });

    harness.now += WINDOW_MS;
    fireEvent.click(ui.getByRole("button", { name: "Add to my order" }));

    await waitFor(() => expect(controller.state.phase).toBe("expired"));
    expect(statuses).toEqual([410]);
    expect(liveRegion(region).textContent).toBe("This offer has expired.");
    expect(buttons(region)).toHaveLength(0);
    expect(await harness.store.payments.list(shop.siteId)).toEqual([]);
  });

  test("when another tab answered first, accepting says the offer was already answered", async () => {
    const shared = memoryStorage();
    const statuses: number[] = [];
    const recording: Fetch = async (url, init) => {
      const response = await server(url, init);
      if (isDecision(url)) statuses.push(response.status);
      return response;
    };
    const { controller, region, ui } = await open({
      fetcher: recording,
      storage: createStorage(() => shared),
    });
    expect(shared.length).toBe(1);

    // The other tab resumes the same session from the shared storage and declines first.
    const other = controllerFor({ storage: createStorage(() => shared) });
    expect(await other.start()).toBe(true);
    other.shown(other.state.offer?.id ?? "");
    await waitFor(() => expect(other.state.ready).toBe(true));
    await other.decide("decline");
    expect(other.state.phase).toBe("offer");
    expect(other.state.offer?.title).toBe("The water-care");

    fireEvent.click(ui.getByRole("button", { name: "Add to my order" }));

    await waitFor(() => expect(controller.state.phase).toBe("decided"));
    expect(statuses).toEqual([409]);
    expect(liveRegion(region).textContent).toBe("You have already answered this offer.");
    expect(buttons(region)).toHaveLength(0);
    expect(await harness.store.payments.list(shop.siteId)).toEqual([]);
  });

  test("a lost answer shows an alert; the retry reuses the Idempotency-Key, so the buyer is charged once", async () => {
    const keys: string[] = [];
    let lose = 1;
    const flaky: Fetch = async (url, init) => {
      const response = await server(url, init);
      if (isDecision(url)) {
        keys.push(new Headers(init.headers).get("idempotency-key") ?? "");
        if (lose > 0) {
          lose -= 1;
          // The server decided, but the answer never reached the browser.
          throw new TypeError("Failed to fetch");
        }
      }
      return response;
    };
    const { controller, region, ui } = await open({ fetcher: flaky });

    fireEvent.click(ui.getByRole("button", { name: "Add to my order" }));

    const alert = await ui.findByRole("alert");
    expect(alert.textContent).toBe("Something went wrong. Please try again.");
    expect(controller.state.phase).toBe("error");
    const [accept, decline] = [...buttons(region)];
    expect(accept?.textContent).toBe("Add to my order");
    expect(accept?.disabled).toBe(false);
    expect(decline?.disabled).toBe(false);
    expect(ui.getByRole("heading", { level: 2 }).textContent).toBe("The tank");

    if (accept) fireEvent.click(accept);

    await waitFor(() => expect(ui.getByRole("heading", { level: 2 }).textContent).toBe("The food"));
    expect(liveRegion(region).textContent).toBe(en.acceptedNext);
    expect(ui.queryByRole("alert")).toBeNull();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(keys[1]).toBe(keys[0]);
    const payments = await harness.store.payments.list(shop.siteId);
    expect(payments).toHaveLength(1);
    expect(payments[0]?.amount).toBe(6675);
  });

  test("for half a second after it is painted, the offer's buttons say they are disabled, stay in the Tab order, and a click sends nothing", async () => {
    let sent = 0;
    const counting: Fetch = async (url, init) => {
      if (isDecision(url)) sent += 1;
      return server(url, init);
    };
    const { region, ui } = await open({ fetcher: counting, waitSeen: false });
    const [accept, decline] = [...buttons(region)];
    for (const button of [accept, decline]) {
      expect(button?.getAttribute("aria-disabled")).toBe("true");
      // Not `disabled`: a disabled button would leave the Tab order and drop the focus it had.
      expect(button?.disabled).toBe(false);
    }
    if (accept) fireEvent.click(accept);
    if (decline) fireEvent.click(decline);
    expect(sent).toBe(0);

    await seen(region);
    fireEvent.click(ui.getByRole("button", { name: "Add to my order" }));
    await waitFor(() => expect(ui.getByRole("heading", { level: 2 }).textContent).toBe("The food"));
    expect(sent).toBe(1);
  });

  test("a click on the next step in its first half second (a double click across the step change) sends nothing", async () => {
    const offers: string[] = [];
    const recording: Fetch = async (url, init) => {
      if (isDecision(url)) offers.push(JSON.parse(String(init.body)).offer);
      return server(url, init);
    };
    const { region, ui } = await open({ fetcher: recording });
    fireEvent.click(ui.getByRole("button", { name: "Add to my order" }));
    await waitFor(() => expect(ui.getByRole("heading", { level: 2 }).textContent).toBe("The food"));

    const next = ui.getByRole("button", { name: "Add to my order" });
    expect(next.getAttribute("aria-disabled")).toBe("true");
    fireEvent.click(next);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(offers).toEqual([shop.offers.tank]);
    expect(ui.getByRole("heading", { level: 2 }).textContent).toBe("The food");

    await seen(region);
    fireEvent.click(ui.getByRole("button", { name: "Add to my order" }));
    await waitFor(() => expect(liveRegion(region).textContent).toBe(en.accepted));
    expect(offers).toEqual([shop.offers.tank, shop.offers.food]);
  });

  test.each<[string, string, string]>([
    [
      "offer_withdrawn (the seller took the offer down)",
      "offer_withdrawn",
      "Sorry, this offer is no longer available.",
    ],
    ["order_not_paid (the order was refunded)", "order_not_paid", "This offer has expired."],
  ])("an accept refused with 409 %s says so plainly and closes the offer", async (_name, code, said) => {
    const refusing: Fetch = async (url, init) =>
      isDecision(url)
        ? Response.json({ error: { code, message: "Refused." } }, { status: 409 })
        : server(url, init);
    const { controller, region, ui } = await open({ fetcher: refusing });

    fireEvent.click(ui.getByRole("button", { name: "Add to my order" }));

    await waitFor(() => expect(liveRegion(region).textContent).toBe(said));
    expect(controller.state.phase).toBe(code === "offer_withdrawn" ? "withdrawn" : "expired");
    expect(buttons(region)).toHaveLength(0);
    expect(ui.queryByRole("heading")).toBeNull();
    expect(ui.queryByRole("alert")).toBeNull();
  });

  test.each(LOCALES)("in %s, a withdrawn offer is said in the language, not in English", async (locale) => {
    const refusing: Fetch = async (url, init) =>
      isDecision(url)
        ? Response.json({ error: { code: "offer_withdrawn", message: "Gone." } }, { status: 409 })
        : server(url, init);
    const strings = stringsFor(locale);
    const { region, ui } = await open({ fetcher: refusing, locale });
    fireEvent.click(ui.getByRole("button", { name: strings.accept }));
    await waitFor(() => expect(liveRegion(region).textContent).toBe(strings.withdrawn));
    if (locale !== "en") expect(strings.withdrawn).not.toBe(en.withdrawn);
  });

  test("the buttons are real buttons reachable by Tab, nothing is focused on render, and a focused button acts", async () => {
    const { region, ui } = await open();

    // No focus stealing: rendering the panel leaves the buyer's focus where it was.
    expect(document.activeElement).toBe(document.body);

    const [accept, decline] = [...buttons(region)];
    for (const button of [accept, decline]) {
      expect(button?.tagName).toBe("BUTTON");
      expect(button?.getAttribute("type")).toBe("button");
      expect(button?.tabIndex).toBe(0);
      expect(button?.disabled).toBe(false);
      expect(button?.hasAttribute("tabindex")).toBe(false);
    }
    // In Tab order: the quantity, then accept, then decline.
    const tabbable = [
      ...region.querySelectorAll<HTMLElement>("a[href], button, select, input, [tabindex]"),
    ].filter((element) => element.tabIndex >= 0 && !(element as HTMLButtonElement).disabled);
    expect(tabbable).toEqual([ui.getByRole("combobox", { name: "Quantity" }), accept, decline]);

    accept?.focus();
    expect(document.activeElement).toBe(accept);
    decline?.focus();
    expect(document.activeElement).toBe(decline);

    // Enter or Space on a focused button is the browser's click.
    if (decline) fireEvent.click(decline);
    await waitFor(() => expect(ui.getByRole("heading", { level: 2 }).textContent).toBe("The water-care"));
    expect(liveRegion(region).textContent).toBe(en.declinedNext);
  });

  test.each(LOCALES)(
    "in %s the price, the accept button and the region's lang follow the locale",
    async (locale) => {
      const strings = stringsFor(locale);
      const { region, ui } = await open({ locale, waitSeen: false });

      expect(region.getAttribute("lang")).toBe(locale);
      expect(region.getAttribute("aria-label")).toBe(strings.region);
      const expected = new Intl.NumberFormat(locale, { style: "currency", currency: "USD" }).format(66.75);
      const price = region.querySelector("strong");
      // The price itself, after the screen-reader label.
      expect(price?.lastChild?.textContent).toBe(expected);
      expect(price?.textContent).toBe(`${strings.offerPrice}: ${expected}`);
      const accept = ui.getByRole("button", { name: strings.accept });
      expect(accept.textContent).toBe(strings.accept);
      expect(accept.classList.contains("accept")).toBe(true);
      expect(ui.getByRole("button", { name: strings.decline }).textContent).toBe(strings.decline);
    },
  );

  test("every language has its own accept string, so the language test cannot pass on English", () => {
    expect(LOCALES).toEqual(["en", "fr", "pl", "it", "de", "es"]);
    const accepts = new Set(LOCALES.map((locale) => stringsFor(locale).accept));
    expect(accepts.size).toBe(LOCALES.length);
  });
});

describe("the panel follows its controller", () => {
  const preview = (id: string) =>
    previewController({ ...offer(id), discount: { type: "percent", value: 25 } });

  test("given another controller (the admin's preview makes one per offer), it redraws on that one's changes", () => {
    const view = render(<Panel controller={preview("offer_tank0001")} strings={en} locale="en" />);
    const second = preview("offer_food0002");
    view.rerender(<Panel controller={second} strings={en} locale="en" />);
    expect(view.getByRole("heading", { level: 2 }).textContent).toBe("Offer offer_food0002");

    act(() => second.setQuantity(2));
    expect(view.container.querySelector(".price strong")?.textContent).toBe("Your price: $133.50");
  });
});
