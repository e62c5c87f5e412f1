// @vitest-environment happy-dom
import { describe, expect, test } from "vitest";
import { fromAttributes, parseConfig } from "../../widget/config.ts";

const SITE = "site_8fKq2LmZ";

describe("parseConfig", () => {
  test.each<[string, Record<string, unknown>]>([
    ["only a site", { site: SITE }],
    [
      "every option",
      {
        site: SITE,
        locale: "fr-CA",
        theme: "dark",
        orderToken: "eyJhbGciOiJFUzI1NiJ9.eyJvcmRlciI6IjcyNyJ9.c2ln",
        orderParam: "order_ref-2.x",
        target: "#thank-you .offers",
        retryDelays: "1,2,3,5,8,13,15",
        retryFor: 180,
      },
    ],
    ["a shortened schedule with decimals", { site: SITE, retryDelays: "0.1, 0.25,0.3,1.5", retryFor: 18.5 }],
    ["a single delay, repeated", { site: SITE, retryDelays: "15" }],
    ["the shortest delay, 0.1 s", { site: SITE, retryDelays: "0.1" }],
    ["twenty delays", { site: SITE, retryDelays: Array(20).fill("2").join(",") }],
    ["no retry at all (retryFor 0)", { site: SITE, retryFor: 0 }],
    ["the longest retry, 600 s", { site: SITE, retryFor: 600 }],
    ["a three-letter locale with an underscore region", { site: SITE, locale: "fil_PH" }],
    ["the light theme", { site: SITE, theme: "light" }],
    ["the auto theme", { site: SITE, theme: "auto" }],
    ["a token of exactly 10 characters", { site: SITE, orderToken: "0123456789" }],
    ["a site id of 64 characters after the prefix", { site: `site_${"a".repeat(64)}` }],
  ])("accepts %s and returns it unchanged", (_name, raw) => {
    expect(parseConfig(raw)).toEqual({ config: raw });
  });

  test.each<[string, unknown, string]>([
    ["no site", {}, "data-site is missing or not valid"],
    ["a site that is not a string", { site: 42 }, "data-site is missing or not valid"],
    ["a bare prefix site_", { site: "site_" }, "data-site is missing or not valid"],
    ["a capitalised prefix SITE_x", { site: "SITE_abcdefgh" }, "data-site is missing or not valid"],
    ["a site id too short", { site: "site_x" }, "data-site is missing or not valid"],
    ["markup as site", { site: "<script>alert(1)</script>" }, "data-site is missing or not valid"],
    ["a 10 KB site", { site: `site_${"a".repeat(10 * 1024)}` }, "data-site is missing or not valid"],
    ["a path in the site", { site: "site_../../x" }, "data-site is missing or not valid"],
    ["a site with a trailing space", { site: `${SITE} ` }, "data-site is missing or not valid"],
    ["a word as locale", { site: SITE, locale: "english" }, "data-locale is missing or not valid"],
    ["a one-letter locale", { site: SITE, locale: "e" }, "data-locale is missing or not valid"],
    ["punctuation in the locale", { site: SITE, locale: "en_US!" }, "data-locale is missing or not valid"],
    ["an empty locale", { site: SITE, locale: "" }, "data-locale is missing or not valid"],
    ["an unknown theme", { site: SITE, theme: "blue" }, "data-theme is missing or not valid"],
    ["a theme in capitals", { site: SITE, theme: "Dark" }, "data-theme is missing or not valid"],
    [
      "a space in orderParam",
      { site: SITE, orderParam: "order id" },
      "data-order-param is missing or not valid",
    ],
    ["a < in orderParam", { site: SITE, orderParam: "ref<x" }, "data-order-param is missing or not valid"],
    [
      "an orderParam of 65 characters",
      { site: SITE, orderParam: "p".repeat(65) },
      "data-order-param is missing or not valid",
    ],
    [
      "a 9-character token",
      { site: SITE, orderToken: "012345678" },
      "data-order-token is missing or not valid",
    ],
    [
      "a token over 8192 characters",
      { site: SITE, orderToken: "t".repeat(8193) },
      "data-order-token is missing or not valid",
    ],
    ["an empty target", { site: SITE, target: "" }, "data-target is missing or not valid"],
    [
      "a target over 200 characters",
      { site: SITE, target: "#".repeat(201) },
      "data-target is missing or not valid",
    ],
    ["a zero delay", { site: SITE, retryDelays: "1,0,2" }, "data-retry-delays is missing or not valid"],
    ["a delay under 0.1 s", { site: SITE, retryDelays: "0.05" }, "data-retry-delays is missing or not valid"],
    ["a negative delay", { site: SITE, retryDelays: "-1" }, "data-retry-delays is missing or not valid"],
    ["a delay of 1000 s", { site: SITE, retryDelays: "1000" }, "data-retry-delays is missing or not valid"],
    [
      "a word among the delays",
      { site: SITE, retryDelays: "1,soon" },
      "data-retry-delays is missing or not valid",
    ],
    ["an empty delay", { site: SITE, retryDelays: "1,,2" }, "data-retry-delays is missing or not valid"],
    ["a trailing comma", { site: SITE, retryDelays: "1,2," }, "data-retry-delays is missing or not valid"],
    ["no delays at all", { site: SITE, retryDelays: "" }, "data-retry-delays is missing or not valid"],
    [
      "twenty-one delays",
      { site: SITE, retryDelays: Array(21).fill("2").join(",") },
      "data-retry-delays is missing or not valid",
    ],
    ["delays as an array", { site: SITE, retryDelays: [1, 2] }, "data-retry-delays is missing or not valid"],
    ["a retry for over 600 s", { site: SITE, retryFor: 601 }, "data-retry-for is missing or not valid"],
    ["a negative retry", { site: SITE, retryFor: -1 }, "data-retry-for is missing or not valid"],
    ["a retry for as text", { site: SITE, retryFor: "18" }, "data-retry-for is missing or not valid"],
    [
      "an endless retry",
      { site: SITE, retryFor: Number.POSITIVE_INFINITY },
      "data-retry-for is missing or not valid",
    ],
    ["a retry for NaN", { site: SITE, retryFor: Number.NaN }, "data-retry-for is missing or not valid"],
    ["an unknown option", { site: SITE, colour: "red" }, "unknown option colour"],
    ["two unknown options", { site: SITE, colour: "red", size: 3 }, "unknown option colour, size"],
    ["nothing at all", undefined, "config is missing or not valid"],
    ["a string instead of an object", SITE, "config is missing or not valid"],
    ["null", null, "config is missing or not valid"],
  ])("refuses %s and says which attribute", (_name, raw, problem) => {
    expect(parseConfig(raw)).toEqual({ problem });
  });
});

describe("fromAttributes", () => {
  function script(attributes: Record<string, string>): HTMLScriptElement {
    const element = document.createElement("script");
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return element;
  }

  test("reads every data-* option of the tag, trimmed", () => {
    const element = script({
      "data-site": `  ${SITE}\n`,
      "data-locale": " pl ",
      "data-theme": "\tdark",
      "data-order-token": " eyJhbGciOiJFUzI1NiJ9.payload.sig ",
      "data-order-param": "ref ",
      "data-target": " #offers ",
      "data-retry-delays": " 0.5,1 ",
      "data-retry-for": " 18.5 ",
    });
    expect(fromAttributes(element)).toEqual({
      site: SITE,
      locale: "pl",
      theme: "dark",
      orderToken: "eyJhbGciOiJFUzI1NiJ9.payload.sig",
      orderParam: "ref",
      target: "#offers",
      retryDelays: "0.5,1",
      retryFor: 18.5,
    });
  });

  test("leaves absent attributes out rather than setting them undefined", () => {
    const raw = fromAttributes(script({ "data-site": SITE }));
    expect(raw).toEqual({ site: SITE });
    expect(Object.keys(raw)).toEqual(["site"]);
  });

  test("reads nothing from a tag without data-* options", () => {
    expect(fromAttributes(script({ src: "https://offers.example/aquarium.js", async: "" }))).toEqual({});
  });

  test("ignores data-* attributes that are not options", () => {
    expect(
      fromAttributes(script({ "data-site": SITE, "data-colour": "red", "data-cfasync": "false" })),
    ).toEqual({ site: SITE });
  });

  test("keeps an attribute present but empty, so parseConfig names it", () => {
    const raw = fromAttributes(script({ "data-site": SITE, "data-locale": "   " }));
    expect(raw).toEqual({ site: SITE, locale: "" });
    expect(parseConfig(raw)).toEqual({ problem: "data-locale is missing or not valid" });
  });

  test("a tag with trimmed valid attributes parses to a config", () => {
    const raw = fromAttributes(script({ "data-site": ` ${SITE} `, "data-theme": " auto " }));
    expect(parseConfig(raw)).toEqual({ config: { site: SITE, theme: "auto" } });
  });

  test.each<[string, string]>([
    ["a word", "soon"],
    ["a negative number", "-5"],
    ["an exponent", "1e2"],
    ["a number with a unit", "18s"],
    ["nothing", " "],
  ])("a data-retry-for of %s stays text, so parseConfig refuses it by its name", (_name, value) => {
    const raw = fromAttributes(script({ "data-site": SITE, "data-retry-for": value }));
    expect(raw.retryFor).toBe(value.trim());
    expect(parseConfig(raw)).toEqual({ problem: "data-retry-for is missing or not valid" });
  });

  test("a bad data-retry-delays on the tag is reported by its attribute name", () => {
    const raw = fromAttributes(script({ "data-site": SITE, "data-retry-delays": "1;2" }));
    expect(parseConfig(raw)).toEqual({ problem: "data-retry-delays is missing or not valid" });
  });

  test("a bad data-order-param on the tag is reported by its attribute name", () => {
    const raw = fromAttributes(script({ "data-site": SITE, "data-order-param": "order id" }));
    expect(parseConfig(raw)).toEqual({ problem: "data-order-param is missing or not valid" });
  });
});
