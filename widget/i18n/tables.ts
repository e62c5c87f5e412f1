import { de } from "./de.ts";
import { en, type Strings } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { it } from "./it.ts";
import { pl } from "./pl.ts";

/**
 * Every language's table, for what may weigh what it likes: the build, which writes each one as a file
 * beside the widget (widget/build/languages.ts), the admin's preview and the tests. The widget itself
 * carries English only and fetches the buyer's language (index.ts).
 */
export const TABLES: Record<string, Partial<Strings>> = { en, fr, pl, it, de, es };

/** The strings of a locale, each missing one in English. */
export function stringsFor(locale: string): Strings {
  const table = locale.toLowerCase().split(/[-_]/)[0] ?? "";
  return { ...en, ...(Object.hasOwn(TABLES, table) ? TABLES[table] : {}) };
}
