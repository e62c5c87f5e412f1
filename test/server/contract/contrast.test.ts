import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  contrastRatio,
  luminance,
  MIN_CONTRAST,
  readableAccent,
  readableUnderWhite,
} from "../../../server/contract/index.ts";

const hex = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map((rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, "0")).join("")}`);

describe("contrast, as WCAG 2 measures it", () => {
  test.each([
    ["#000000", "#ffffff", 21],
    ["#ffffff", "#ffffff", 1],
    // The well-known pairs: #767676 is the lightest grey that passes AA on white, #777777 just misses it.
    ["#767676", "#ffffff", 4.54],
    ["#777777", "#ffffff", 4.48],
    ["#0000ff", "#ffffff", 8.59],
    ["#ff0000", "#ffffff", 4],
    ["#008000", "#ffffff", 5.14],
  ])("%s against %s is %f:1", (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 2);
    expect(contrastRatio(b, a)).toBeCloseTo(ratio, 2);
  });

  test("luminance runs from 0 for black to 1 for white, green weighing most", () => {
    expect(luminance("#000000")).toBe(0);
    expect(luminance("#ffffff")).toBeCloseTo(1, 10);
    expect(luminance("#00ff00")).toBeGreaterThan(luminance("#ff0000"));
    expect(luminance("#ff0000")).toBeGreaterThan(luminance("#0000ff"));
  });

  test("white text is readable on the default accent and on #767676, not on #777777 or pure red", () => {
    expect(readableUnderWhite("#0b6e4f")).toBe(true);
    expect(readableUnderWhite("#767676")).toBe(true);
    expect(readableUnderWhite("#777777")).toBe(false);
    expect(readableUnderWhite("#ff0000")).toBe(false);
  });

  test("an accent that is readable already is kept as it is", () => {
    for (const accent of ["#0b6e4f", "#000000", "#767676", "#1d4ed8"])
      expect(readableAccent(accent)).toBe(accent);
  });

  test("a light grey becomes the lightest grey that passes: #767676", () => {
    expect(readableAccent("#777777")).toBe("#767676");
    expect(readableAccent("#eeeeee")).toBe("#767676");
  });

  test("a light accent becomes a darker one of the same hue that passes, and barely so", () => {
    const proposed = readableAccent("#ffcc00");
    expect(readableUnderWhite(proposed)).toBe(true);
    expect(contrastRatio(proposed, "#ffffff")).toBeLessThan(MIN_CONTRAST + 0.15);
    // Still a yellow-orange: more red than green, hardly any blue.
    const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(proposed.slice(at, at + 2), 16)) as number[];
    expect(r).toBeGreaterThan(g as number);
    expect(b).toBeLessThan(10);
  });

  test("whatever the accent, the proposal passes and is never lighter than it", () => {
    fc.assert(
      fc.property(hex, (accent) => {
        const proposed = readableAccent(accent);
        expect(proposed).toMatch(/^#[0-9a-f]{6}$/);
        expect(readableUnderWhite(proposed)).toBe(true);
        expect(luminance(proposed)).toBeLessThanOrEqual(luminance(accent) + 1e-12);
      }),
      { numRuns: 500 },
    );
  });
});
