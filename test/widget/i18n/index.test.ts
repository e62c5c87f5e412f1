import { describe, expect, test } from "vitest";
import { de } from "../../../widget/i18n/de.ts";
import { en, type Strings } from "../../../widget/i18n/en.ts";
import { fr } from "../../../widget/i18n/fr.ts";
import {
  fill,
  formatMoney,
  formatRemaining,
  LOCALES,
  languageFile,
  loadStrings,
  pickLocale,
} from "../../../widget/i18n/index.ts";
import { pl } from "../../../widget/i18n/pl.ts";
import { stringsFor } from "../../../widget/i18n/tables.ts";

describe("pickLocale", () => {
  test.each<[string, string | undefined, string | null, string[], string]>([
    ["data-locale wins over page and browser", "de", "fr", ["pl", "it"], "de"],
    ["data-locale with a region is kept whole", "fr-CA", "de", ["pl"], "fr-CA"],
    ["an unknown data-locale falls to the page lang", "xx", "it", ["pl"], "it"],
    ["without data-locale the page lang is used", undefined, "es-ES", ["pl"], "es-ES"],
    ["an empty page lang falls to the browser", undefined, "", ["pl-PL", "en-US"], "pl-PL"],
    ["a missing page lang falls to the browser", undefined, null, ["de-AT"], "de-AT"],
    ["an unknown page lang falls to the browser", undefined, "xx", ["it-IT"], "it-IT"],
    ["the browser's first language we have wins", undefined, null, ["xx-YY", "nl", "es-MX", "fr"], "es-MX"],
    ["nothing we have gives English", "xx", "nl", ["ja", "zh-Hant-TW"], "en"],
    ["no hints at all gives English", undefined, null, [], "en"],
    ["an upper-case tag is recognised, in its canonical form", "FR", null, [], "fr"],
    ["English in the page wins over a browser language", undefined, "en-GB", ["fr"], "en-GB"],
  ])("%s", (_name, configured, pageLang, browser, expected) => {
    expect(pickLocale(configured, pageLang, browser)).toBe(expected);
  });

  // Whatever pickLocale returns is handed to formatMoney (widget/ui/Panel.tsx) and must not throw there.
  test.each<[string, string | undefined, string | null, string[], Partial<Strings>, string]>([
    ["data-locale fr-CA", "fr-CA", null, [], fr, "1\u00a0234,56\u00a0€"],
    ["data-locale de-AT", "de-AT", null, [], de, "€\u00a01.234,56"],
    ["browser pl-PL", undefined, null, ["pl-PL"], pl, "1234,56\u00a0€"],
    ["data-locale pl_PL (the config allows an underscore)", "pl_PL", null, [], pl, "1234,56\u00a0€"],
    ["page lang fr_FR (a common CMS mistake)", undefined, "fr_FR", [], fr, "1\u202f234,56\u00a0€"],
  ])(
    "a region tag (%s) picks its language and formats money",
    (_name, configured, pageLang, browser, table, money) => {
      const locale = pickLocale(configured, pageLang, browser);
      expect(stringsFor(locale)).toEqual({ ...en, ...table });
      expect(formatMoney(123456, "EUR", locale)).toBe(money);
    },
  );
});

describe("the buyer's language, fetched beside the widget", () => {
  const SCRIPT = "https://offers.example/aquarium.0123456789ab.js";
  const fileOf = (language: string) => languageFile(SCRIPT, "https://offers.example", language);
  /** A server's answers by URL, each call recorded. */
  function files(answers: Record<string, () => Response | Promise<Response>>) {
    const asked: string[] = [];
    const fetcher = async (url: string) => {
      asked.push(url);
      const answer = answers[url];
      if (!answer) return new Response("not found", { status: 404 });
      return answer();
    };
    return { asked, fetcher };
  }

  test.each([
    ["a hashed script", SCRIPT, "https://offers.example/aquarium.0123456789ab.de.json"],
    [
      "the short-cached name",
      "https://offers.example/aquarium.js",
      "https://offers.example/aquarium.de.json",
    ],
    [
      "a query string",
      "https://offers.example/aquarium.js?v=2",
      "https://offers.example/aquarium.de.json?v=2",
    ],
    [
      "a script renamed by a proxy",
      "https://shop.example/wp-json/aq/widget",
      "https://offers.example/aquarium.de.json",
    ],
    ["no script address", "", "https://offers.example/aquarium.de.json"],
  ])("the file of a language sits beside %s", (_name, src, expected) => {
    expect(languageFile(src, "https://offers.example", "de")).toBe(expected);
  });

  test("English is the widget's own: nothing is fetched", async () => {
    const { asked, fetcher } = files({});
    expect(await loadStrings("en-GB", fileOf, fetcher)).toEqual(en);
    expect(asked).toEqual([]);
  });

  test("German comes from its file, with its regional tag", async () => {
    const { asked, fetcher } = files({
      "https://offers.example/aquarium.0123456789ab.de.json": () => Response.json(de),
    });
    expect(await loadStrings("de-AT", fileOf, fetcher)).toEqual({ ...en, ...de });
    expect(asked).toEqual(["https://offers.example/aquarium.0123456789ab.de.json"]);
  });

  test.each<[string, () => Response | Promise<Response>]>([
    ["missing (404)", () => new Response("", { status: 404 })],
    ["not JSON", () => new Response("<html>")],
    ["refused by the network", () => Promise.reject(new TypeError("Failed to fetch"))],
    ["JSON of another shape", () => Response.json(["accept", "Hinzufügen"])],
  ])("a file %s leaves the panel in English", async (_name, answer) => {
    const { fetcher } = files({ "https://offers.example/aquarium.0123456789ab.de.json": answer });
    expect(await loadStrings("de", fileOf, fetcher)).toEqual(en);
  });

  test("only strings the panel knows are taken from a file, each missing one in English", async () => {
    const { fetcher } = files({
      "https://offers.example/aquarium.0123456789ab.fr.json": () =>
        Response.json({ accept: "Ajouter", decline: 7, onclick: "alert(1)" }),
    });
    const strings = await loadStrings("fr", fileOf, fetcher);
    expect(strings).toEqual({ ...en, accept: "Ajouter" });
  });

  test("a language the widget does not speak is not asked for", async () => {
    const { asked, fetcher } = files({});
    expect(await loadStrings("ja", fileOf, fetcher)).toEqual(en);
    expect(asked).toEqual([]);
  });
});

describe("formatMoney", () => {
  // Node 24's ICU; U+202F narrow no-break space and U+00A0 no-break space written as escapes.
  const MONEY: [string, number, string, string][] = [
    ["en", 123456, "EUR", "€1,234.56"],
    ["fr", 123456, "EUR", "1\u202f234,56\u00a0€"],
    ["pl", 123456, "EUR", "1234,56\u00a0€"],
    ["it", 123456, "EUR", "1234,56\u00a0€"],
    ["de", 123456, "EUR", "1.234,56\u00a0€"],
    ["es", 123456, "EUR", "1234,56\u00a0€"],
    ["en", 1500, "JPY", "¥1,500"],
    ["fr", 1500, "JPY", "1\u202f500\u00a0JPY"],
    ["pl", 1500, "JPY", "1500\u00a0JPY"],
    ["it", 1500, "JPY", "1500\u00a0JPY"],
    ["de", 1500, "JPY", "1.500\u00a0¥"],
    ["es", 1500, "JPY", "1500\u00a0JPY"],
    ["en", 1234, "KWD", "KWD\u00a01.234"],
    ["fr", 1234, "KWD", "1,234\u00a0KWD"],
    ["pl", 1234, "KWD", "1,234\u00a0KWD"],
    ["it", 1234, "KWD", "1,234\u00a0KWD"],
    ["de", 1234, "KWD", "1,234\u00a0KWD"],
    ["es", 1234, "KWD", "1,234\u00a0KWD"],
    ["en", 0, "USD", "$0.00"],
    ["fr", 0, "USD", "0,00\u00a0$US"],
    ["pl", 0, "USD", "0,00\u00a0USD"],
    ["it", 0, "USD", "0,00\u00a0USD"],
    ["de", 0, "USD", "0,00\u00a0$"],
    ["es", 0, "USD", "0,00\u00a0US$"],
  ];

  test.each(MONEY)("%s: %i minor units of %s is %j", (locale, minor, currency, expected) => {
    expect(formatMoney(minor, currency, locale)).toBe(expected);
  });

  test("the table covers every locale with each of the four currencies", () => {
    const covered = MONEY.map(([locale, , currency]) => `${locale} ${currency}`).sort();
    const wanted = LOCALES.flatMap((locale) =>
      ["EUR", "JPY", "KWD", "USD"].map((c) => `${locale} ${c}`),
    ).sort();
    expect(covered).toEqual(wanted);
  });
});

describe("fill", () => {
  test("puts a value in its placeholder", () => {
    expect(fill(en.save, { amount: "€5.00" })).toBe("You save €5.00");
  });

  test("fills every placeholder, each as often as it appears", () => {
    expect(fill("{a} and {b} and {a}", { a: "1", b: "2" })).toBe("1 and 2 and 1");
  });

  test("keeps the placeholder when its value is missing", () => {
    expect(fill(en.endsIn, {})).toBe("Offer ends in {time}");
    expect(fill("{amount} in {time}", { amount: "€5" })).toBe("€5 in {time}");
  });

  test("keeps a placeholder named like an Object.prototype member when its value is missing", () => {
    expect(fill("Hi {toString} {constructor}", {})).toBe("Hi {toString} {constructor}");
  });

  test("inserts values literally, without replacement patterns or a second pass", () => {
    expect(fill("You save {amount}", { amount: "$&$1$$" })).toBe("You save $&$1$$");
    expect(fill("{a} {b}", { a: "{b}", b: "x" })).toBe("{b} x");
  });
});

describe("formatRemaining", () => {
  test.each<[number, string]>([
    [0, "0:00"],
    [1, "0:01"],
    [999, "0:01"],
    [1000, "0:01"],
    [59_001, "1:00"],
    [60_000, "1:00"],
    [61_000, "1:01"],
    [599_000, "9:59"],
    [3_599_000, "59:59"],
    [3_600_000, "1:00:00"],
    [3_661_000, "1:01:01"],
    [36_000_000, "10:00:00"],
    [-1, "0:00"],
    [-61_000, "0:00"],
  ])("%i ms is %j", (ms, expected) => {
    expect(formatRemaining(ms)).toBe(expected);
  });
});
