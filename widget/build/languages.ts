import type { Plugin } from "vite";
import { LOCALES } from "../i18n/index.ts";
import { TABLES } from "../i18n/tables.ts";

/**
 * Build time only: each language but English (which the widget carries) as a file beside the bundle,
 * `aquarium.<language>.json`, which the server serves beside the script (server/embed/) and the widget
 * fetches for a buyer who reads it (widget/i18n/index.ts).
 */
export function languageFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const language of LOCALES) {
    const table = TABLES[language];
    if (!table) throw new Error(`widget/i18n/tables.ts has no table for "${language}", which LOCALES lists`);
    if (language !== "en") files[`aquarium.${language}.json`] = JSON.stringify(table);
  }
  for (const language of Object.keys(TABLES)) {
    if (!LOCALES.includes(language))
      throw new Error(`LOCALES (widget/i18n/index.ts) does not list "${language}"`);
  }
  return files;
}

/** The Vite plugin that writes `languageFiles()` into the widget's build. */
export function languages(): Plugin {
  return {
    name: "aquarium-languages",
    generateBundle() {
      for (const [fileName, source] of Object.entries(languageFiles())) {
        this.emitFile({ type: "asset", fileName, source });
      }
    },
  };
}
