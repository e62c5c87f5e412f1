import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { loadBundle } from "../../../server/embed/bundle.ts";
import { type TestApp, testApp } from "../../support/app.ts";

/** `GET /preview/:site/*`: the thank-you page preview of a test order, with the site's snippet. */
describe("the thank-you page preview", () => {
  let harness: TestApp;
  const bundle = loadBundle();

  beforeEach(async () => {
    harness = await testApp("sqlite", { bundle });
  });
  afterEach(() => harness.dispose());

  test("is a page with the site's snippet (its SRI hash, the order parameter), kept out of caches, indexes and referrers", async () => {
    const response = await harness.app.request(
      "/preview/site_abcdefgh1234/checkout/order-received/123456/?key=wc_order_abc",
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(html).toContain(
      `<script async src="/aquarium.${bundle?.hash}.js" integrity="${bundle?.integrity}" crossorigin="anonymous" data-site="site_abcdefgh1234" data-order-param="order"></script>`,
    );
    // The page holds nothing of the order: the widget finds it in the address, as on a shop's own page.
    expect(html).not.toContain("123456");
  });

  test("a path that names no site is not found", async () => {
    const response = await harness.app.request("/preview/%3Cscript%3E/thank-you");
    expect(response.status).toBe(404);
  });
});
