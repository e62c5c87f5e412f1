import { describe, expect, test } from "vitest";
import { languageFiles, languages } from "../../../widget/build/languages.ts";
import { de } from "../../../widget/i18n/de.ts";
import { LOCALES } from "../../../widget/i18n/index.ts";

describe("the language files written beside the widget", () => {
  test("one file per language but English, each its table as JSON", () => {
    const files = languageFiles();
    expect(Object.keys(files).sort()).toEqual(
      LOCALES.filter((language) => language !== "en")
        .map((language) => `aquarium.${language}.json`)
        .sort(),
    );
    expect(JSON.parse(files["aquarium.de.json"] ?? "")).toEqual(de);
  });

  test("the Vite plugin emits them as assets of the widget's build", () => {
    const emitted: { fileName: string; source: string }[] = [];
    const plugin = languages();
    const generate = plugin.generateBundle as (this: unknown) => void;
    generate.call({ emitFile: (file: { fileName: string; source: string }) => emitted.push(file) });
    expect(emitted.map((file) => file.fileName).sort()).toEqual(Object.keys(languageFiles()).sort());
  });
});
