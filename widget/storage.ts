import { SessionId, SessionSecret } from "../server/contract/ids.ts";

/** The session this browser claimed for an order, kept in the host origin's storage to survive a refresh. */
export interface Saved {
  id: string;
  secret: string;
}

function keyOf(site: string, order: unknown): string {
  // A short digest of the reference: the key need not be secret (it lives beside the URL it came from).
  let hash = 5381;
  for (const char of JSON.stringify(order)) hash = ((hash * 33) ^ char.charCodeAt(0)) >>> 0;
  return `aquarium:${site}:${hash.toString(36)}`;
}

/** Storage can be missing, full or forbidden (privacy modes, sandboxed frames): then we simply do not resume. */
export function createStorage(store: () => Storage | undefined = () => window.localStorage) {
  return {
    load(site: string, order: unknown): Saved | null {
      try {
        const value = JSON.parse(store()?.getItem(keyOf(site, order)) ?? "null");
        // Anything else in there (another script's, an old format) would only get the claim refused.
        return SessionId.safeParse(value?.id).success && SessionSecret.safeParse(value?.secret).success
          ? { id: value.id, secret: value.secret }
          : null;
      } catch {
        return null;
      }
    },
    save(site: string, order: unknown, saved: Saved): void {
      try {
        store()?.setItem(keyOf(site, order), JSON.stringify(saved));
      } catch {
        // Not resumable after a refresh, still usable now.
      }
    },
  };
}
export type WidgetStorage = ReturnType<typeof createStorage>;
