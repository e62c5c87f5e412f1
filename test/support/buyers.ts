import { SessionResponse } from "../../server/contract/index.ts";
import { sha256Hex } from "../../server/crypto.ts";
import type { NewOrder } from "../../server/domain.ts";
import type { TestApp } from "./app.ts";
import { BROWSER_SECRET, claim, decide, paidOrder } from "./shop.ts";

/**
 * One buyer of the WooCommerce order `id` (its key `key`), paid a minute before the harness's clock: claims the
 * offer, then answers each offer shown in turn with `actions` (fewer actions than offers leaves the last one
 * unanswered). `order` changes the order (its lines, total, currency). Answers the session's id.
 */
export async function buyer(
  harness: TestApp,
  siteId: string,
  {
    id,
    key,
    actions = [],
    order = {},
  }: {
    id: string;
    key: string;
    actions?: ("accept" | "decline")[];
    order?: Partial<NewOrder>;
  },
): Promise<string> {
  await paidOrder(harness, siteId, { externalId: id, keyHash: sha256Hex(key), ...order });
  const claimed = await claim(harness, { site: siteId, order: { source: "woocommerce", id, key } });
  if (!claimed.ok) throw new Error(`claim ${id}: ${claimed.status} ${await claimed.text()}`);
  const body = SessionResponse.parse(await claimed.json());
  let offer = body.offer?.id;
  for (const [i, action] of actions.entries()) {
    if (!offer) throw new Error(`order ${id} was shown no offer to ${action}`);
    const decided = await decide(
      harness,
      body.session.id,
      BROWSER_SECRET,
      { offer, action },
      `key-${id}-${i}`,
    );
    if (!decided.ok) throw new Error(`${action} ${id}: ${decided.status} ${await decided.text()}`);
    offer = ((await decided.json()) as { next: { id: string } | null }).next?.id;
  }
  return body.session.id;
}
