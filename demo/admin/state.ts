import { signal } from "@preact/signals";
import type { Site } from "../../server/contract/index.ts";

/** Who is logged in: "*" the operator, a site id its owner; null nobody; undefined not asked yet. */
export const scope = signal<string | null | undefined>(undefined);

export type Section = "settings" | "cockpit" | "products" | "offers" | "stats";
export type Route =
  | { page: "sites" }
  | { page: "site"; siteId: string; section: Section; itemId: string | null }
  | { page: "missing" };

const SECTIONS = new Set<string>(["cockpit", "products", "offers", "stats"]);
/** Sections that are one page, with no item to open in them. */
const SINGLE = new Set<string>(["cockpit", "stats"]);

/**
 * `#/sites`, `#/sites/:site`, `#/sites/:site/(cockpit|products|offers|stats)` and `…/(products|offers)/(new|:id)`.
 * A hash router: the server needs no route of its own, and every page can be bookmarked.
 */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const [root, siteId, section, itemId, ...rest] = parts;
  if (parts.length === 0 || (root === "sites" && parts.length === 1)) return { page: "sites" };
  if (root !== "sites" || !siteId || rest.length > 0) return { page: "missing" };
  if (!section) return { page: "site", siteId, section: "settings", itemId: null };
  if (!SECTIONS.has(section) || (itemId && SINGLE.has(section))) return { page: "missing" };
  return { page: "site", siteId, section: section as Section, itemId: itemId ?? null };
}

/** The hash of a site's page: `siteHref("site_1", "offers", "new")` → `#/sites/site_1/offers/new`. */
export function siteHref(siteId: string, section: Section = "settings", itemId?: string): string {
  const parts = ["#/sites", encodeURIComponent(siteId)];
  if (section !== "settings") parts.push(section);
  if (itemId) parts.push(encodeURIComponent(itemId));
  return parts.join("/");
}

const currentHash = () => (typeof location === "undefined" ? "" : location.hash);

export const route = signal<Route>(parseRoute(currentHash()));

/** Follows the address bar (links, back and forward). Returns the unsubscribe. */
export function followHash(): () => void {
  const sync = () => {
    route.value = parseRoute(currentHash());
  };
  sync();
  window.addEventListener("hashchange", sync);
  return () => window.removeEventListener("hashchange", sync);
}

/** Goes to a hash at once (the `hashchange` that follows finds the route already there). */
export function navigate(hash: string): void {
  if (location.hash !== hash) location.hash = hash;
  route.value = parseRoute(hash);
}

/** The site whose pages are open, once loaded: its name heads the pages, its offer window times the preview. */
export const currentSite = signal<Site | null>(null);
