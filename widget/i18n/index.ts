import { de } from "./de.ts";
import { en, type Strings } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { it } from "./it.ts";
import { pl } from "./pl.ts";

export type { Strings };

const TABLES: Record<string, Partial<Strings>> = { en, fr, pl, it, de, es };
export const LOCALES = Object.keys(TABLES);

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
    if (tag && Object.hasOwn(TABLES, language(tag))) return tag;
  }
  return "en";
}

/** The strings of a locale, each missing one in English. */
export function stringsFor(locale: string): Strings {
  const table = language(locale);
  return { ...en, ...(Object.hasOwn(TABLES, table) ? TABLES[table] : {}) };
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
