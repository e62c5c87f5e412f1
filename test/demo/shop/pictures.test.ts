import { describe, expect, test } from "vitest";
import { CATALOGUE } from "../../../demo/seed.ts";
import { pictureOf } from "../../../demo/shop/pictures.ts";

describe("the products' pictures", () => {
  test.each(CATALOGUE.map((item) => [item.sku, item.name]))(
    "%s is a small SVG drawing of shapes, with no emoji to need a font for",
    (sku) => {
      const svg = pictureOf(sku) ?? "";
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 320 320"/);
      expect(svg.trim().endsWith("</svg>")).toBe(true);
      expect(svg).toMatch(/<title>[^<]{5,}<\/title>/);
      // Drawn: paths and shapes, not a glyph of a font the machine may not have.
      expect(svg.match(/<(path|rect|circle|ellipse)\b/g)?.length).toBeGreaterThanOrEqual(4);
      expect(svg).not.toMatch(/\p{Extended_Pictographic}/u);
      expect(svg.length).toBeLessThan(2048);
      // Nothing that runs or reaches out: a picture only.
      expect(svg).not.toMatch(/<script|href=|url\(|on[a-z]+=/i);
    },
  );

  test("a SKU the demo does not sell has no picture", () => {
    expect(pictureOf("unicorn")).toBeNull();
    expect(pictureOf("../seed")).toBeNull();
  });
});
