import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../support/browser.ts";

export interface PaintRun {
  /** From the answer's last byte to the panel in the DOM (parsing, validating, rendering), ms. */
  render: number;
  /** From the answer's last byte to the end of the frame that paints the panel (style, layout, paint), ms. */
  paint: number;
  /** Requests to the Aquarium API before the panel was painted (the script and its language file excluded). */
  requests: number;
  load: number;
  cls: number;
}

/** A network as a buyer's phone sees it, applied by Chromium itself (DevTools' network emulation). */
export const REALISTIC = { latency: 40, downloadMbps: 10, uploadMbps: 5 };

export interface PaintCase {
  name: string;
  /** The thank-you page's language (its `<html lang>`): another than English makes the widget fetch its file. */
  lang: string;
  network: "loopback" | "realistic";
  widget: boolean;
}

/**
 * Runs in the page and in every frame of it. Measures the panel's frame, load time, layout shifts: a
 * `requestAnimationFrame` callback runs before its frame's style, layout and paint, and a task it queues runs
 * after them, so its clock reading is the panel painted. The widget makes its request from a frame of its own
 * (widget/realm.ts), so each frame reports the API's answers it received (their resource timings) to the page;
 * times are the epoch's milliseconds (each document's time origin plus its own clock), comparable across frames.
 */
const PROBE = `
  const page = window.top;
  page.__answers = page.__answers || [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.name.includes("/v1/"))
        page.__answers.push({ sent: performance.timeOrigin + e.startTime, answered: performance.timeOrigin + e.responseEnd });
  }).observe({ type: "resource", buffered: true });
  if (window === page) {
    window.__cls = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
      .observe({ type: "layout-shift", buffered: true });
    new MutationObserver((changes, observer) => {
      const host = document.querySelector("aquarium-offer");
      if (!host?.shadowRoot?.querySelector("section")) return;
      observer.disconnect();
      const rendered = performance.timeOrigin + performance.now();
      requestAnimationFrame(() => setTimeout(() => {
        window.__paint = { rendered, painted: performance.timeOrigin + performance.now() };
      }));
    }).observe(document, { childList: true, subtree: true });
  }
`;

/** A seller's thank-you page on its own origin, in the language asked (`?lang=`), with the snippet or not. */
export async function hostPage(): Promise<{
  origin: string;
  page: (script: string) => void;
  close(): Promise<void>;
}> {
  let script = "";
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://host");
    const lang = url.searchParams.get("lang") ?? "en";
    const snippet = url.searchParams.get("widget") === "no" ? "" : script;
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(
      `<!doctype html><html lang="${lang.replace(/[^a-z-]/gi, "")}"><head><meta charset="utf-8"><title>Thank you</title>
<style>body{font:16px/1.5 Georgia,serif;max-width:760px;margin:40px auto}</style></head>
<body><h1>Thank you for your order</h1><p>Order received. A confirmation is on its way to your inbox.</p>
${snippet}<footer><p>Questions? Write to us any time.</p></footer></body></html>`,
    );
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    page: (value) => {
      script = value;
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}

async function emulate(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: REALISTIC.latency,
    downloadThroughput: (REALISTIC.downloadMbps * 1_000_000) / 8,
    uploadThroughput: (REALISTIC.uploadMbps * 1_000_000) / 8,
  });
}

/**
 * One fresh browser context per order, on the thank-you page of that order (so each makes a real first claim),
 * in each case given; the cases take the orders in turn.
 */
export async function measurePaint(
  origin: string,
  cases: PaintCase[],
  orders: { id: string; key: string }[],
  loadsPerCase: number,
): Promise<Record<string, PaintRun[]>> {
  const browser = await launchBrowser();
  const runs: Record<string, PaintRun[]> = {};
  let next = 0;
  try {
    for (const one of cases) {
      const list: PaintRun[] = [];
      runs[one.name] = list;
      for (let n = 0; n < loadsPerCase; n++) {
        const order = orders[next++];
        if (!order) throw new Error("the bench seeded too few fresh orders for the paint runs");
        const context = await browser.newContext();
        const page = await context.newPage();
        if (process.env.BENCH_DEBUG) page.on("console", (m) => console.log("   console:", m.text()));
        if (one.network === "realistic") await emulate(context, page);
        await page.addInitScript(PROBE);

        const query = `key=${order.key}&lang=${one.lang}${one.widget ? "" : "&widget=no"}`;
        await page.goto(`${origin}/checkout/order-received/${order.id}/?${query}`);
        if (one.widget) await page.waitForFunction(() => "__paint" in window, null, { timeout: 10_000 });
        else await page.waitForLoadState("load");
        await page.waitForTimeout(50);
        const figures = await page.evaluate(() => {
          const w = window as unknown as {
            __paint?: { rendered: number; painted: number };
            __answers: { sent: number; answered: number }[];
            __cls: number;
          };
          const navigation = performance.getEntriesByType("navigation")[0] as
            | PerformanceNavigationTiming
            | undefined;
          return {
            paint: w.__paint,
            answers: w.__answers,
            cls: w.__cls,
            load: navigation ? navigation.loadEventEnd - navigation.startTime : -1,
          };
        });
        const painted = figures.paint?.painted ?? 0;
        const before = figures.answers.filter((answer) => answer.sent < painted);
        const answered = Math.max(0, ...before.map((answer) => answer.answered));
        if (one.widget && !answered)
          throw new Error("the panel was painted, but no answer of the API was seen");
        list.push({
          render: figures.paint ? figures.paint.rendered - answered : 0,
          paint: figures.paint ? painted - answered : 0,
          requests: before.length,
          load: figures.load,
          cls: figures.cls,
        });
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return runs;
}
