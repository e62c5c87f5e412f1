import { WooCommerceApiInput } from "../../contract/index.ts";
import type { Resolver } from "../../net/destination.ts";
import type { Store } from "../../store/store.ts";

/** A shop's REST API connection: its address, and the REST API key's two halves (consumer key and secret). */
export type WooConnection = WooCommerceApiInput;

/** Where the server may reach a shop on a seller's word, and how it resolves the shop's name (tests give theirs). */
export interface WooNetwork {
  allowLoopbackHttp: boolean;
  resolve?: Resolver;
}

/** The site's WooCommerce connection, opened from the sealed store; null when none was set (or it no longer reads). */
export async function wooConnection(store: Store, siteId: string): Promise<WooConnection | null> {
  const sealed = await store.sites.secret(siteId, "woocommerce-api");
  if (!sealed) return null;
  try {
    const parsed = WooCommerceApiInput.safeParse(JSON.parse(sealed));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
