import { afterEach, describe, expect, test, vi } from "vitest";
import { de } from "../../../widget/i18n/de.ts";
import { en, type Strings } from "../../../widget/i18n/en.ts";
import { es } from "../../../widget/i18n/es.ts";
import { fr } from "../../../widget/i18n/fr.ts";
import { LOCALES } from "../../../widget/i18n/index.ts";
import { it as italian } from "../../../widget/i18n/it.ts";
import { pl } from "../../../widget/i18n/pl.ts";
import { stringsFor, TABLES } from "../../../widget/i18n/tables.ts";

/** The raw tables, as written: a translation left out shows here, not hidden by the English fallback. */
const RAW: Record<string, Partial<Strings>> = { en, fr, pl, it: italian, de, es };
const EN_KEYS = Object.keys(en).sort();
const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();

describe("stringsFor", () => {
  test.each(LOCALES)("%s has every English key", (locale) => {
    expect(Object.keys(stringsFor(locale)).sort()).toEqual(EN_KEYS);
  });

  test.each(LOCALES)("%s gives its own table's strings", (locale) => {
    expect(stringsFor(locale)).toEqual({ ...en, ...RAW[locale] });
  });

  test.each(["zz", "xx-YY", "", "english"])("an unknown locale %j gives English", (locale) => {
    expect(stringsFor(locale)).toEqual(en);
  });

  test("a region or underscore tag gives its language's strings", () => {
    expect(stringsFor("fr-CA")).toEqual({ ...en, ...fr });
    expect(stringsFor("pl_PL")).toEqual({ ...en, ...pl });
    expect(stringsFor("DE")).toEqual({ ...en, ...de });
  });

  test("a key a language leaves out is given in English", async () => {
    vi.resetModules();
    vi.doMock("../../../widget/i18n/de.ts", () => ({ de: { accept: "Hinzufügen" } }));
    const fresh = await import("../../../widget/i18n/tables.ts");
    const strings = fresh.stringsFor("de");
    expect(strings.accept).toBe("Hinzufügen");
    expect(strings.decline).toBe(en.decline);
    expect(strings).toEqual({ ...en, accept: "Hinzufügen" });
  });

  afterEach(() => {
    vi.doUnmock("../../../widget/i18n/de.ts");
    vi.resetModules();
  });
});

describe("the translations", () => {
  test("the locales are exactly the six tables, in the widget's list and in the build's", () => {
    expect([...LOCALES].sort()).toEqual(Object.keys(RAW).sort());
    expect(Object.keys(TABLES).sort()).toEqual(Object.keys(RAW).sort());
  });

  test.each(LOCALES)("%s translates every key", (locale) => {
    const table = RAW[locale];
    expect(table, `no raw table imported for ${locale}`).toBeDefined();
    expect(Object.keys(table ?? {}).sort()).toEqual(EN_KEYS);
  });

  test.each(LOCALES)("%s has no empty translation and keeps every placeholder", (locale) => {
    for (const key of EN_KEYS as (keyof Strings)[]) {
      const text = RAW[locale]?.[key];
      expect(text?.trim(), `${locale}.${key}`).toBeTruthy();
      expect(placeholders(text ?? ""), `${locale}.${key}`).toEqual(placeholders(en[key]));
    }
  });
});
