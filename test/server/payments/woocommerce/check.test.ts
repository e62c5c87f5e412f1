import { afterEach, describe, expect, test } from "vitest";
import { type TestApp, testApp } from "../../../support/app.ts";
import { ENGINES } from "../../../support/engines.ts";
import { envelopeOf } from "../../../support/envelope.ts";
import {
  type FakeKey,
  type FakeWooCommerce,
  serveFakeWooCommerce,
} from "../../../support/fake-woocommerce.ts";
import { seedShop } from "../../../support/shop.ts";
import { WOO_KEY, WOO_SECRET, wooTemplates } from "../../../support/woo-shop.ts";

/**
 * Saving a site's WooCommerce connection (`POST /admin/api/sites/:site/secrets/woocommerce-api`) tries it
 * first against the shop (the FAKE WooCommerce, over HTTPS unless said): a connection that cannot work is
 * refused with the field to fix, in words the seller acts on, and the one kept before stays.
 */
describe.each(ENGINES)(
  "checking a WooCommerce connection when it is saved (fake WooCommerce) on %s",
  (engine) => {
    let harness: TestApp;
    let fake: FakeWooCommerce;
    let siteId: string;
    afterEach(async () => {
      await harness.dispose();
      await fake.close();
    });

    async function start(
      keys: FakeKey[] = [{ key: WOO_KEY, secret: WOO_SECRET, permissions: "read_write" }],
      { protocol = "https", env = {} }: { protocol?: "https" | "http"; env?: Record<string, string> } = {},
    ) {
      fake = await serveFakeWooCommerce({ templates: wooTemplates(), currency: "USD", keys }, { protocol });
      harness = await testApp(engine, { env });
      siteId = (await seedShop(harness, { payments: "woocommerce" })).siteId;
    }
    const save = (connection: Record<string, string>) =>
      harness.admin(`/sites/${siteId}/secrets/woocommerce-api`, { method: "POST", json: connection });
    const refusal = async (connection: Record<string, string>) => {
      const answer = await save(connection);
      expect(answer.status).toBe(400);
      return envelopeOf(answer);
    };
    const connected = async () =>
      (await (await harness.admin(`/sites/${siteId}`)).json()).site.secrets["woocommerce-api"];

    test("a shop that answers as WooCommerce and takes the key with read/write access is saved, sealed, never answered back; nothing is made at the shop (fake WooCommerce)", async () => {
      await start();
      const answer = await save({ url: fake.url, key: WOO_KEY, secret: WOO_SECRET });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ kind: "woocommerce-api", set: true });
      expect(await connected()).toBe(true);
      expect(JSON.stringify(await (await harness.admin(`/sites/${siteId}`)).json())).not.toContain(
        WOO_SECRET,
      );
      expect(fake.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
        "GET /orders",
        "POST /orders/0/notes",
      ]);
      expect(fake.orders.size + fake.notes.size).toBe(0);
    });

    test("a wrong consumer secret: refused beside the secret (fake WooCommerce)", async () => {
      await start();
      const { fields } = await refusal({
        url: fake.url,
        key: WOO_KEY,
        secret: "cs_notthesecret0123456789abcdef",
      });
      expect(fields).toEqual({ secret: expect.stringContaining("refused this consumer secret") });
      expect(await connected()).toBe(false);
    });

    test("a key the shop does not know: refused beside the key (fake WooCommerce)", async () => {
      await start();
      const { fields } = await refusal({
        url: fake.url,
        key: "ck_unknownkey0123456789abcdef",
        secret: WOO_SECRET,
      });
      expect(fields).toEqual({ key: expect.stringContaining("does not know this key") });
    });

    test.each([
      ["read", "this key is read-only: set its permissions to Read/Write"],
      ["write", "this key has no read access: set its permissions to Read/Write"],
    ] as const)(
      "a key with %s permission only: refused beside the key, saying to make it Read/Write (fake WooCommerce)",
      async (permissions, said) => {
        await start([{ key: WOO_KEY, secret: WOO_SECRET, permissions }]);
        const { fields } = await refusal({ url: fake.url, key: WOO_KEY, secret: WOO_SECRET });
        expect(fields?.key).toContain(said);
      },
    );

    test("a key whose WordPress user may not manage the shop (403): refused beside the key (fake WooCommerce)", async () => {
      await start([{ key: WOO_KEY, secret: WOO_SECRET, permissions: "read_write", manager: false }]);
      const { fields } = await refusal({ url: fake.url, key: WOO_KEY, secret: WOO_SECRET });
      expect(fields?.key).toContain("may not manage orders");
    });

    test("an address that answers, but not as a WooCommerce shop: refused beside the url (fake WooCommerce)", async () => {
      await start();
      const { fields } = await refusal({ url: `${fake.url}/not-the-shop`, key: WOO_KEY, secret: WOO_SECRET });
      expect(fields?.url).toContain("not as a WooCommerce shop");
    });

    test("a shop that cannot be reached: refused beside the url, and the connection kept before stays (fake WooCommerce)", async () => {
      await start();
      expect((await save({ url: fake.url, key: WOO_KEY, secret: WOO_SECRET })).status).toBe(200);
      const kept = await harness.store.sites.secret(siteId, "woocommerce-api");
      await fake.down();
      const { fields } = await refusal({
        url: fake.url,
        key: WOO_KEY,
        secret: "cs_another0123456789abcdefabcd",
      });
      expect(fields?.url).toContain("could not be reached (ECONNREFUSED)");
      expect(await harness.store.sites.secret(siteId, "woocommerce-api")).toBe(kept);
    });

    test("a plain-http shop address is refused without ALLOW_LOOPBACK_HTTP, and a private one always: the connection must be HTTPS to a public address (fake WooCommerce)", async () => {
      await start(undefined, { env: { ALLOW_LOOPBACK_HTTP: "false" } });
      const plain = await refusal({
        url: fake.url.replace("https:", "http:"),
        key: WOO_KEY,
        secret: WOO_SECRET,
      });
      expect(plain.fields?.url).toContain("must be https");
      const loopback = await refusal({ url: fake.url, key: WOO_KEY, secret: WOO_SECRET });
      expect(loopback.fields?.url).toContain("must be a public address");
      const inside = await refusal({ url: "https://private.example", key: WOO_KEY, secret: WOO_SECRET });
      expect(inside.fields?.url).toContain("must be a public address");
      expect(fake.calls).toHaveLength(0);
    });

    test("a plain-http shop on this machine in development: WooCommerce ignores keys sent without HTTPS, and the seller is told to use https (fake WooCommerce)", async () => {
      await start(undefined, { protocol: "http" });
      const { fields } = await refusal({ url: fake.url, key: WOO_KEY, secret: WOO_SECRET });
      expect(fields?.url).toContain("HTTPS only");
      expect(fake.calls).toHaveLength(1);
    });

    test("a key that is not a consumer key is refused before the shop is asked", async () => {
      await start();
      const { fields } = await refusal({ url: fake.url, key: "not-a-key", secret: WOO_SECRET });
      expect(fields?.key).toContain("consumer key");
      expect(fake.calls).toHaveLength(0);
    });
  },
);
