import { en, type Strings } from "./en.ts";

export type { Strings };

/**
 * The languages the panel speaks. English is in the widget; each other is a file beside it, written by the
 * build (widget/build/languages.ts) and fetched while the claim is in flight: five tables would be 2 KB of
 * every buyer's download, when a buyer reads one.
 */
export const LOCALES = ["en", "fr", "pl", "it", "de", "es"];

const language = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] ?? "";

/** A usable BCP 47 tag ("pl_PL" as CMSs write it becomes "pl-PL"), or null for one Intl would refuse. */
function canonical(tag: string | null | undefined): string | null {
  try {
    return tag ? (Intl.getCanonicalLocales(tag.replace(/_/g, "-"))[0] ?? null) : null;
  } catch {
    return null;
  }
}

/** The seller's `data-locale`, then the page's `lang`, then the browser's languages; English if none is ours. */
export function pickLocale(
  configured: string | undefined,
  pageLang: string | null,
  browser: readonly string[],
): string {
  for (const tag of [configured, pageLang, ...browser].map(canonical)) {
    if (tag && LOCALES.indexOf(language(tag)) >= 0) return tag;
  }
  return "en";
}

/** How long the panel waits for its language before it speaks English. */
const LANGUAGE_TIMEOUT_MS = 2500;

/**
 * Where a language's file is: beside the widget's own script (`aquarium.<hash>.js` → `aquarium.<hash>.de.json`,
 * as immutable as the script), or at the server's root when the script was renamed on its way (a proxy).
 */
export function languageFile(scriptSrc: string, base: string, language: string): string {
  return /\/aquarium(\.[0-9a-f]+)?\.js([?#]|$)/.test(scriptSrc)
    ? scriptSrc.replace(/\.js([?#]|$)/, `.${language}.json$1`)
    : `${base}/aquarium.${language}.json`;
}

/**
 * The strings of a locale, each missing one in English: English at once, another language from its file,
 * or English when the file does not come (a strict CSP, the network): the offer is still shown.
 */
export async function loadStrings(
  locale: string,
  fileOf: (language: string) => string,
  fetcher: (url: string, init: RequestInit) => Promise<Response> = (url, init) => fetch(url, init),
): Promise<Strings> {
  const wanted = language(locale);
  if (wanted === "en" || LOCALES.indexOf(wanted) < 0) return en;
  try {
    const response = await fetcher(fileOf(wanted), {
      credentials: "omit",
      signal: AbortSignal.timeout(LANGUAGE_TIMEOUT_MS),
    });
    const table: unknown = response.ok ? await response.json() : null;
    const strings = { ...en };
    for (const key of Object.keys(en) as (keyof Strings)[]) {
      const text = table && typeof table === "object" ? (table as Record<string, unknown>)[key] : null;
      if (typeof text === "string") strings[key] = text;
    }
    return strings;
  } catch {
    return en;
  }
}

/** `"You save {amount}"` with `{ amount: "€5.00" }`. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(
    /\{(\w+)\}/g,
    (match, name: string) => (Object.hasOwn(values, name) ? values[name] : match) ?? match,
  );
}

const formats = new Map<string, Intl.NumberFormat>();

/** One formatter per language and currency: the first one a page makes costs milliseconds of locale data. */
function moneyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
    formats.set(key, format);
  }
  return format;
}

/** Minor units to a price the buyer reads, in their language and the order's currency. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = moneyFormat(locale, currency);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/**
 * Loads the language's number data while the one request is in flight, so that drawing the offer after
 * the answer does not wait for it (most of a first paint's time, measured in Chromium).
 */
export function warmUp(locale: string): void {
  moneyFormat(locale, "EUR").format(1);
}

/** Time left as m:ss (or h:mm:ss). */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
