import * as z from "zod/mini";
import { describeFields } from "../../contract/index.ts";
import { AppError } from "../../errors.ts";
import { type WooClient, WooError, wooClient } from "./client.ts";
import type { WooConnection, WooNetwork } from "./connection.ts";

/** What is wrong with a connection, field by field, as the admin shows it beside the form's fields. */
type Fields = Partial<Record<keyof WooConnection, string>>;

const KEY_PAGE = "WooCommerce → Settings → Advanced → REST API";

/** A refusal of the key, by what WooCommerce's answer says (its codes and headers, not its translated words). */
function refusedKey(error: WooError, writing: boolean): Fields {
  if (error.status === 403)
    return {
      key: `the key's WordPress user may not manage orders: make the key for a Shop manager or Administrator (${KEY_PAGE})`,
    };
  // A known key with the wrong secret: WooCommerce asks for credentials again (WWW-Authenticate).
  if (error.authenticate)
    return { secret: "the shop refused this consumer secret: paste the cs_… shown with this key" };
  if (error.code === "woocommerce_rest_authentication_error")
    return {
      key: writing
        ? `this key is read-only: set its permissions to Read/Write (${KEY_PAGE})`
        : `this key has no read access: set its permissions to Read/Write (${KEY_PAGE})`,
    };
  return { key: `the shop does not know this key: make one with Read/Write permissions (${KEY_PAGE})` };
}

function problemOf(error: WooError, writing: boolean, url: string): Fields {
  switch (error.kind) {
    case "refused":
      // Over plain http WooCommerce ignores Basic credentials (it wants OAuth 1.0a there): every key looks unknown.
      if (url.startsWith("http:"))
        return { url: "WooCommerce takes REST API keys over HTTPS only: use the shop's https:// address" };
      return refusedKey(error, writing);
    case "address":
      return { url: error.message };
    case "unreachable":
    case "uncertain":
      return { url: `the shop ${error.message}` };
    default:
      return { url: `answers, but not as a WooCommerce shop: it ${error.message}` };
  }
}

/**
 * Checks a WooCommerce connection before it is saved, the way the server will use it, writing nothing:
 * 1. `GET /orders?per_page=1`: the address passes the server's outbound checks (https to a public address),
 *    answers as WooCommerce's REST API, and takes the key and secret (HTTP Basic) with read access;
 * 2. `POST /orders/0/notes` with an empty body: WooCommerce checks a key's write permission before anything
 *    else (401 for a read-only key), and a key that may write is refused the empty note (400): nothing is made.
 * A refusal is a 400 naming the field to fix (url, key or secret) in words the seller acts on.
 */
export async function checkConnection(connection: WooConnection, network: WooNetwork): Promise<void> {
  const client: WooClient = wooClient(connection, network);
  let writing = false;
  try {
    await client.get("/orders", z.array(z.unknown()), { per_page: "1" });
    writing = true;
    await client.send("POST", "/orders/0/notes", {}, z.unknown());
  } catch (error) {
    if (!(error instanceof WooError)) throw error;
    // The write probe is refused as incomplete or as naming no order: the key may write.
    if (writing && (error.kind === "rejected" || error.kind === "missing")) return;
    const fields = problemOf(error, writing, connection.url) as Record<string, string>;
    throw new AppError(
      "invalid_request",
      `The WooCommerce connection does not work: ${describeFields(fields)}`,
      {
        fields,
      },
    );
  }
}
