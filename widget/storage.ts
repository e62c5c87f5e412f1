import wire from "virtual:aquarium-wire";
import { Problem, read } from "./check.ts";

function keyOf(site: string, order: unknown): string {
  // A short digest of the reference: the key need not be secret (it lives beside the URL it came from).
  let hash = 5381;
  for (const char of JSON.stringify(order)) hash = ((hash * 33) ^ char.charCodeAt(0)) >>> 0;
  return `aquarium:${site}:${hash.toString(36)}`;
}

/**
 * The secret this browser claims an order with, kept in the host origin's storage so that a refresh (or a
 * claim whose answer was lost) resumes the same session. Storage can be missing, full or forbidden (privacy
 * modes, sandboxed frames): then the controller's copy is all there is, for the page's life.
 */
export function createStorage(store: () => Storage | undefined = () => window.localStorage) {
  return {
    load(site: string, order: unknown): string | null {
      try {
        const secret = JSON.parse(store()?.getItem(keyOf(site, order)) ?? "null")?.secret;
        // Anything else in there (another script's, a truncated write) would only get every claim refused.
        return read(wire.secret, secret) instanceof Problem ? null : secret;
      } catch {
        return null;
      }
    },
    save(site: string, order: unknown, secret: string): void {
      try {
        store()?.setItem(keyOf(site, order), JSON.stringify({ secret }));
      } catch {
        // Not resumable after a refresh, still usable now.
      }
    },
  };
}
export type WidgetStorage = ReturnType<typeof createStorage>;
