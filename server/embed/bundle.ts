import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export interface Bundle {
  code: string;
  /** Short content hash, part of the immutable URL. */
  hash: string;
  /** `sha384-…`, for the snippet's `integrity` attribute. */
  integrity: string;
  /** Each language but English as the widget fetches it (JSON text), by language code. */
  languages: Record<string, string>;
}

export const BUNDLE_DIR = resolve(import.meta.dirname, "../../dist/widget");

/** The built widget (`npm run build`), or null when it has not been built. */
export function loadBundle(dir = BUNDLE_DIR): Bundle | null {
  try {
    const manifest = JSON.parse(readFileSync(resolve(dir, "manifest.json"), "utf8")) as Omit<
      Bundle,
      "code" | "languages"
    > & { languages?: Record<string, string> };
    const languages: Record<string, string> = {};
    for (const [language, file] of Object.entries(manifest.languages ?? {})) {
      languages[language] = readFileSync(resolve(dir, file), "utf8");
    }
    return {
      code: readFileSync(resolve(dir, "aquarium.js"), "utf8"),
      hash: manifest.hash,
      integrity: manifest.integrity,
      languages,
    };
  } catch {
    return null;
  }
}

/** What a seller pastes into the thank-you page. */
export function snippet(bundle: Bundle, publicUrl: string, siteId: string): string {
  return `<script async src="${publicUrl}/aquarium.${bundle.hash}.js" integrity="${bundle.integrity}" crossorigin="anonymous" data-site="${siteId}"></script>`;
}
