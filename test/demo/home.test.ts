import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { homeRoutes } from "../../demo/home.ts";
import { CATALOGUE } from "../../demo/seed.ts";
import { cataloguePage, productPage, sellerPage } from "../../demo/shop/pages.ts";

describe("the demo's home page and icon", () => {
  const app = homeRoutes();

  test("/ leads a newcomer to the shop, the admin and the seller's inbox, each said in a line", async () => {
    const response = await app.request("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    const doors = [...html.matchAll(/<a class="door" href="([^"]+)"><h2>([^<]+)<\/h2><p>([^<]+)<\/p><\/a>/g)];
    expect(doors.map(([, href, title]) => [href, title])).toEqual([
      ["/shop/", "The shop"],
      ["/admin/", "The admin"],
      ["/shop/seller", "The seller's inbox"],
    ]);
    for (const [, , , text] of doors) expect(text?.length).toBeGreaterThan(40);
    expect(html).toContain("./data/demo-admin-token");
  });

  test("the icon is an SVG, the admin's own, and the demo's pages name it", async () => {
    const response = await app.request("/favicon.svg");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    const icon = await response.text();
    expect(icon).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(icon).toBe(readFileSync(new URL("../../demo/admin/public/favicon.svg", import.meta.url), "utf8"));
    const goldfish = CATALOGUE.find((item) => item.sku === "goldfish") as (typeof CATALOGUE)[number];
    for (const page of [
      await (await app.request("/")).text(),
      cataloguePage(),
      productPage(goldfish),
      sellerPage([]),
    ])
      expect(page).toContain('<link rel="icon" type="image/svg+xml" href="/favicon.svg">');
    expect(readFileSync(new URL("../../demo/admin/index.html", import.meta.url), "utf8")).toContain(
      '<link rel="icon" type="image/svg+xml" href="/favicon.svg" />',
    );
  });
});
