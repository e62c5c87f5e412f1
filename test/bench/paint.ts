import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { launchBrowser } from "../support/browser.ts";

export interface PaintRun {
  /** From the answer's last byte to the panel in the DOM (parsing, validating, rendering), ms. */
  render: number;
  /** From the answer's last byte to the frame that paints the panel (adds the wait for the next frame), ms. */
  paint: number;
  /** Requests to the Aquarium server before the panel was painted (the script excluded). */
  requests: number;
  load: number;
  cls: number;
}

export interface PaintResult {
  runs: PaintRun[];
  /** The same page without the snippet. */
  bare: { load: number; cls: number }[];
}

/** Measures inside the page: the session answer's arrival, the panel's first frame, load time, layout shifts. */
const PROBE = `
  window.__cls = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
    .observe({ type: "layout-shift", buffered: true });
  new MutationObserver((changes, observer) => {
    const host = document.querySelector("aquarium-offer");
    if (!host?.shadowRoot?.querySelector("section")) return;
    observer.disconnect();
    const rendered = performance.now();
    // The callback runs in the frame that paints the panel, just before it does: its own clock reading,
    // not the frame's vsync timestamp (which can precede the answer).
    requestAnimationFrame(() => {
      const frame = performance.now();
      const answers = performance.getEntriesByType("resource").filter((e) => e.name.includes("/v1/"));
      window.__paint = { rendered, frame, answered: Math.max(...answers.map((e) => e.responseEnd)), requests: answers.length };
    });
  }).observe(document, { childList: true, subtree: true });
`;

/** A seller's thank-you page on its own origin; `{script}` is replaced by the snippet or nothing. */
export async function hostPage(): Promise<{
  origin: string;
  page: (script: string) => void;
  close(): Promise<void>;
}> {
  let script = "";
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Thank you</title>
<style>body{font:16px/1.5 Georgia,serif;max-width:760px;margin:40px auto}</style></head>
<body><h1>Thank you for your order</h1><p>Order received. A confirmation is on its way to your inbox.</p>
${script}<footer><p>Questions? Write to us any time.</p></footer></body></html>`,
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

/**
 * `loads` fresh browsers, each on the thank-you page of an order of its own (so each makes a real first
 * claim), then as many loads of the same page without the snippet.
 */
export async function measurePaint(
  host: Awaited<ReturnType<typeof hostPage>>,
  snippet: string,
  orders: { id: string; key: string }[],
): Promise<PaintResult> {
  const browser = await launchBrowser();
  const runs: PaintRun[] = [];
  const bare: PaintResult["bare"] = [];
  try {
    for (const [withWidget, list] of [
      [true, orders],
      [false, orders],
    ] as const) {
      host.page(withWidget ? snippet : "");
      for (const order of list) {
        const context = await browser.newContext();
        const page = await context.newPage();
        if (process.env.BENCH_DEBUG) page.on("console", (m) => console.log("   console:", m.text()));
        if (process.env.BENCH_DEBUG)
          page.on("requestfailed", (r) => console.log("   failed:", r.url(), r.failure()?.errorText));
        await page.addInitScript(PROBE);
        await page.goto(`${host.origin}/checkout/order-received/${order.id}/?key=${order.key}`);
        if (withWidget) await page.waitForFunction(() => "__paint" in window, null, { timeout: 10_000 });
        else await page.waitForLoadState("load");
        await page.waitForTimeout(50);
        const figures = await page.evaluate(() => {
          const w = window as unknown as {
            __paint?: { rendered: number; frame: number; answered: number; requests: number };
            __cls: number;
          };
          const navigation = performance.getEntriesByType("navigation")[0] as
            | PerformanceNavigationTiming
            | undefined;
          return {
            paint: w.__paint,
            cls: w.__cls,
            load: navigation ? navigation.loadEventEnd - navigation.startTime : -1,
          };
        });
        if (withWidget && figures.paint) {
          runs.push({
            render: figures.paint.rendered - figures.paint.answered,
            paint: figures.paint.frame - figures.paint.answered,
            requests: figures.paint.requests,
            load: figures.load,
            cls: figures.cls,
          });
        } else if (!withWidget) {
          bare.push({ load: figures.load, cls: figures.cls });
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return { runs, bare };
}
