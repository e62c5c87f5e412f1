import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { GENERATED_SECRETS } from "../../../server/contract/index.ts";
import { ADMIN_TOKEN, type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import { envelopeOf } from "../../support/envelope.ts";

/** The owner's login token is only compared, so only its hash is kept; the others are kept to sign with. */
const kept = (kind: string, value: string) =>
  kind === "owner" ? createHash("sha256").update(value).digest("hex") : value;

type Secrets = Record<(typeof GENERATED_SECRETS)[number], string>;

/** `whsec_` + standard base64 of exactly 32 random bytes: what Standard Webhooks libraries take. */
function expectStandardWebhooksSecret(secret: string): void {
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
  const encoded = secret.slice("whsec_".length);
  const bytes = Buffer.from(encoded, "base64");
  expect(bytes.length).toBe(32);
  expect(bytes.toString("base64")).toBe(encoded);
}

const errorOf = envelopeOf;

describe.each(ENGINES)("admin sites on %s", (engine) => {
  let harness: TestApp;
  beforeEach(async () => {
    harness = await testApp(engine);
  });
  afterEach(async () => {
    await harness.dispose();
  });

  async function createSite(
    json: unknown = { name: "Fish shop" },
  ): Promise<{ site: { id: string }; secrets: Secrets }> {
    const response = await harness.admin("/sites", { method: "POST", json });
    expect(response.status).toBe(201);
    return response.json();
  }

  test("creating a site answers 201 with the site and its four generated secrets, each stored as returned", async () => {
    const response = await harness.admin("/sites", {
      method: "POST",
      json: {
        name: "Fish shop",
        allowedOrigins: ["https://fish.example", "http://localhost:8080"],
        offerWindowMinutes: 60,
      },
    });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["secrets", "site"]);
    // toMatchObject: the site may gain settings; these are the ones this test is about.
    expect(body.site).toMatchObject({
      id: expect.stringMatching(/^site_[A-Za-z0-9_-]{8,64}$/),
      name: "Fish shop",
      allowedOrigins: ["https://fish.example", "http://localhost:8080"],
      offerWindowMinutes: 60,
      webhookUrl: null,
      secrets: {
        woocommerce: true,
        stripe: false,
        "stripe-api-key": false,
        "woocommerce-api": false,
        orders: true,
        token: true,
        outbound: true,
        owner: true,
      },
      createdAt: new Date(harness.now).toISOString(),
    });
    expect(Object.keys(body.secrets).sort()).toEqual(["orders", "outbound", "owner", "token", "woocommerce"]);
    expectStandardWebhooksSecret(body.secrets.orders);
    expectStandardWebhooksSecret(body.secrets.outbound);
    expect(body.secrets.woocommerce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.secrets.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.secrets.owner).toMatch(/^aqo_[A-Za-z0-9_-]{43}$/);
    expect(new Set(Object.values(body.secrets)).size).toBe(5);
    for (const kind of GENERATED_SECRETS) {
      expect(await harness.store.sites.secret(body.site.id, kind)).toBe(kept(kind, body.secrets[kind]));
    }
  });

  test("a site created with only a name gets the default settings", async () => {
    const { site } = await createSite({ name: "  Plain shop  " });
    const response = await harness.admin(`/sites/${site.id}`);
    expect(response.status).toBe(200);
    expect((await response.json()).site).toMatchObject({
      name: "Plain shop",
      allowedOrigins: [],
      offerWindowMinutes: 30,
      webhookUrl: null,
    });
  });

  test("two sites get different secrets", async () => {
    const a = await createSite({ name: "A" });
    const b = await createSite({ name: "B" });
    for (const kind of GENERATED_SECRETS) expect(a.secrets[kind]).not.toBe(b.secrets[kind]);
  });

  test("reading a site or the list of sites never shows a secret value", async () => {
    const { site, secrets } = await createSite();
    await createSite({ name: "Second shop" });
    const one = await harness.admin(`/sites/${site.id}`);
    const list = await harness.admin("/sites");
    expect(one.status).toBe(200);
    expect(list.status).toBe(200);
    const oneText = await one.text();
    const listText = await list.text();
    expect(JSON.parse(listText).sites).toHaveLength(2);
    expect(JSON.parse(oneText).site.secrets).toEqual({
      woocommerce: true,
      stripe: false,
      "stripe-api-key": false,
      "woocommerce-api": false,
      orders: true,
      token: true,
      outbound: true,
      owner: true,
    });
    for (const value of Object.values(secrets)) {
      expect(oneText).not.toContain(value);
      expect(listText).not.toContain(value);
      // Neither the bytes of a whsec_ secret, in case it is ever shown without its prefix.
      expect(oneText).not.toContain(value.replace(/^whsec_/, ""));
      expect(listText).not.toContain(value.replace(/^whsec_/, ""));
    }
  });

  test.each(GENERATED_SECRETS)(
    "rotating the %s secret returns a new value once and stores it",
    async (kind) => {
      const { site, secrets } = await createSite();
      const response = await harness.admin(`/sites/${site.id}/secrets/${kind}`, { method: "POST" });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toEqual({ kind, secret: expect.any(String) });
      expect(body.secret).not.toBe(secrets[kind]);
      if (kind === "orders" || kind === "outbound") expectStandardWebhooksSecret(body.secret);
      else if (kind === "owner") expect(body.secret).toMatch(/^aqo_[A-Za-z0-9_-]{43}$/);
      else expect(body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await harness.store.sites.secret(site.id, kind)).toBe(kept(kind, body.secret));

      // The other secrets are untouched.
      for (const other of GENERATED_SECRETS.filter((k) => k !== kind)) {
        expect(await harness.store.sites.secret(site.id, other)).toBe(kept(other, secrets[other]));
      }
      // Never shown again, and a second rotation makes yet another one.
      const read = await (await harness.admin(`/sites/${site.id}`)).text();
      expect(read).not.toContain(body.secret);
      const again = await (
        await harness.admin(`/sites/${site.id}/secrets/${kind}`, { method: "POST" })
      ).json();
      expect(again.secret).not.toBe(body.secret);
      expect(await harness.store.sites.secret(site.id, kind)).toBe(kept(kind, again.secret));
    },
  );

  test("setting Stripe's secret answers that it is set without echoing it, and stores it", async () => {
    const { site } = await createSite();
    const stripeSecret = "whsec_Q2lhb0NpYW9DaWFvQ2lhbzEyMzQ1Njc4";
    const response = await harness.admin(`/sites/${site.id}/secrets/stripe`, {
      method: "POST",
      json: { secret: stripeSecret },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ kind: "stripe", set: true });
    expect(text).not.toContain(stripeSecret);
    expect(await harness.store.sites.secret(site.id, "stripe")).toBe(stripeSecret);
    const read = await (await harness.admin(`/sites/${site.id}`)).json();
    expect(read.site.secrets.stripe).toBe(true);
    expect(JSON.stringify(read)).not.toContain(stripeSecret);
  });

  test.each([
    ["a key that is not a webhook secret", { secret: "sk_live_abcdefghijklmnop" }],
    ["a whsec_ secret too short", { secret: "whsec_abc" }],
    ["a whsec_ secret with symbols", { secret: "whsec_abc+def/ghi=jkl" }],
    ["no secret at all", {}],
    ["an extra field", { secret: "whsec_abcdefgh12345678", note: "x" }],
  ])("an invalid Stripe secret (%s) is refused with 400 and not stored", async (_, json) => {
    const { site } = await createSite();
    const response = await harness.admin(`/sites/${site.id}/secrets/stripe`, { method: "POST", json });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("invalid_request");
    expect(await harness.store.sites.secret(site.id, "stripe")).toBeNull();
  });

  test("Stripe's secret sent as anything but JSON is refused with 415", async () => {
    const { site } = await createSite();
    const response = await harness.admin(`/sites/${site.id}/secrets/stripe`, {
      method: "POST",
      body: "secret=whsec_abcdefgh12345678",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(415);
    expect((await errorOf(response)).code).toBe("unsupported_media_type");
    expect(await harness.store.sites.secret(site.id, "stripe")).toBeNull();
  });

  test("an unknown secret kind is refused with 400 and changes no secret", async () => {
    const { site, secrets } = await createSite();
    const response = await harness.admin(`/sites/${site.id}/secrets/paypal`, { method: "POST" });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("invalid_request");
    for (const kind of GENERATED_SECRETS)
      expect(await harness.store.sites.secret(site.id, kind)).toBe(kept(kind, secrets[kind]));
  });

  test("rotating a secret of an unknown site answers 404", async () => {
    const response = await harness.admin("/sites/site_doesnotexist0/secrets/orders", { method: "POST" });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe("not_found");
  });

  test("a patch changes only the fields it gives", async () => {
    const { site } = await createSite({
      name: "Fish shop",
      allowedOrigins: ["https://fish.example"],
      offerWindowMinutes: 45,
      webhookUrl: "https://fish.example/hooks/aquarium",
    });
    const before = (await (await harness.admin(`/sites/${site.id}`)).json()).site;

    const renamed = await harness.admin(`/sites/${site.id}`, {
      method: "PATCH",
      json: { name: "Reef shop" },
    });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).site).toEqual({ ...before, name: "Reef shop" });

    const moved = await harness.admin(`/sites/${site.id}`, {
      method: "PATCH",
      json: { allowedOrigins: ["https://reef.example", "https://www.reef.example:8443"], webhookUrl: null },
    });
    expect((await moved.json()).site).toEqual({
      ...before,
      name: "Reef shop",
      allowedOrigins: ["https://reef.example", "https://www.reef.example:8443"],
      webhookUrl: null,
    });

    const read = (await (await harness.admin(`/sites/${site.id}`)).json()).site;
    expect(read).toMatchObject({ name: "Reef shop", offerWindowMinutes: 45, webhookUrl: null });
  });

  test("an empty patch changes nothing", async () => {
    const { site } = await createSite({ name: "Fish shop", offerWindowMinutes: 10 });
    const before = (await (await harness.admin(`/sites/${site.id}`)).json()).site;
    const response = await harness.admin(`/sites/${site.id}`, { method: "PATCH", json: {} });
    expect(response.status).toBe(200);
    expect((await response.json()).site).toEqual(before);
  });

  test("a patch with an unknown field is refused with 400 invalid_request and changes nothing", async () => {
    const { site } = await createSite();
    const response = await harness.admin(`/sites/${site.id}`, {
      method: "PATCH",
      json: { name: "Other", colour: "blue" },
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("invalid_request");
    expect(error.message).toContain("colour");
    expect((await (await harness.admin(`/sites/${site.id}`)).json()).site.name).toBe("Fish shop");
  });

  test("a site cannot be created with an unknown field, such as its own secrets", async () => {
    const response = await harness.admin("/sites", {
      method: "POST",
      json: { name: "Fish shop", secrets: { orders: "mine" } },
    });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("invalid_request");
    expect((await (await harness.admin("/sites")).json()).sites).toEqual([]);
  });

  test.each([
    ["offerWindowMinutes", { offerWindowMinutes: 0 }],
    ["offerWindowMinutes", { offerWindowMinutes: 1441 }],
    ["offerWindowMinutes", { offerWindowMinutes: 2.5 }],
    ["name", { name: "   " }],
    ["name", { name: "x".repeat(101) }],
    ["webhookUrl", { webhookUrl: "ftp://fish.example/hook" }],
    ["webhookUrl", { webhookUrl: "javascript:alert(1)" }],
  ])("a patch with an invalid %s is refused with 400 naming it", async (field, json) => {
    const { site } = await createSite();
    const before = (await (await harness.admin(`/sites/${site.id}`)).json()).site;
    const response = await harness.admin(`/sites/${site.id}`, { method: "PATCH", json });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("invalid_request");
    expect(error.message).toContain(field);
    expect((await (await harness.admin(`/sites/${site.id}`)).json()).site).toEqual(before);
  });

  test.each([
    "https://fish.example/",
    "https://fish.example/checkout",
    "https://fish.example?x=1",
    "fish.example",
    "ftp://fish.example",
    "*",
  ])(
    "an allowed origin %j is refused with 400 naming allowedOrigins, on create and on patch",
    async (origin) => {
      const created = await harness.admin("/sites", {
        method: "POST",
        json: { name: "Fish shop", allowedOrigins: [origin] },
      });
      expect(created.status).toBe(400);
      const createError = await errorOf(created);
      expect(createError.code).toBe("invalid_request");
      expect(createError.message).toContain("allowedOrigins");
      expect((await (await harness.admin("/sites")).json()).sites).toEqual([]);

      const { site } = await createSite({ name: "Fish shop", allowedOrigins: ["https://fish.example"] });
      const patched = await harness.admin(`/sites/${site.id}`, {
        method: "PATCH",
        json: { allowedOrigins: ["https://ok.example", origin] },
      });
      expect(patched.status).toBe(400);
      const patchError = await errorOf(patched);
      expect(patchError.code).toBe("invalid_request");
      expect(patchError.message).toContain("allowedOrigins");
      expect((await (await harness.admin(`/sites/${site.id}`)).json()).site.allowedOrigins).toEqual([
        "https://fish.example",
      ]);
    },
  );

  test.each([
    ["a private address", "https://10.1.2.3/hook"],
    ["a name for the cloud metadata address", "https://metadata.example/latest"],
    ["a name with a private address among its public ones", "https://rebind.example/hook"],
    ["credentials in the URL", "https://seller:pw@shop.example/hook"],
    ["plain http to another machine", "http://shop.example/hook"],
  ])(
    "a webhook URL with %s is refused when saved, beside its field, on create and on patch",
    async (_name, url) => {
      const created = await harness.admin("/sites", {
        method: "POST",
        json: { name: "Shop", webhookUrl: url },
      });
      expect(created.status).toBe(400);
      expect(Object.keys((await errorOf(created)).fields ?? {})).toEqual(["webhookUrl"]);
      const { site } = await createSite({ name: "Shop" });
      const patched = await harness.admin(`/sites/${site.id}`, {
        method: "PATCH",
        json: { webhookUrl: url },
      });
      expect(patched.status).toBe(400);
      expect((await (await harness.admin(`/sites/${site.id}`)).json()).site.webhookUrl).toBeNull();
    },
  );

  test("deleting a site answers 204, and afterwards it is gone", async () => {
    const { site } = await createSite();
    const kept = await createSite({ name: "Kept shop" });
    const response = await harness.admin(`/sites/${site.id}`, { method: "DELETE" });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");

    const read = await harness.admin(`/sites/${site.id}`);
    expect(read.status).toBe(404);
    expect((await errorOf(read)).code).toBe("not_found");
    expect((await (await harness.admin("/sites")).json()).sites.map((s: { id: string }) => s.id)).toEqual([
      kept.site.id,
    ]);
    expect(await harness.store.sites.secret(site.id, "orders")).toBeNull();

    const again = await harness.admin(`/sites/${site.id}`, { method: "DELETE" });
    expect(again.status).toBe(404);
  });

  test("an unknown site answers 404 to reading and patching", async () => {
    const read = await harness.admin("/sites/site_doesnotexist0");
    expect(read.status).toBe(404);
    expect((await errorOf(read)).code).toBe("not_found");
    const patched = await harness.admin("/sites/site_doesnotexist0", {
      method: "PATCH",
      json: { name: "Ghost" },
    });
    expect(patched.status).toBe(404);
    expect((await errorOf(patched)).code).toBe("not_found");
  });

  test("no secret, and not the admin token, ever reaches the logs", async () => {
    const { site, secrets } = await createSite();
    const stripeSecret = "whsec_c3RyaXBlU2VjcmV0VmFsdWUxMjM0NTY3OA";
    await harness.admin(`/sites/${site.id}/secrets/stripe`, {
      method: "POST",
      json: { secret: stripeSecret },
    });
    const rotated = [];
    for (const kind of GENERATED_SECRETS) {
      rotated.push(
        (await (await harness.admin(`/sites/${site.id}/secrets/${kind}`, { method: "POST" })).json()).secret,
      );
    }
    await harness.admin(`/sites/${site.id}/secrets/stripe`, { method: "POST", json: { secret: "whsec_x" } });
    await harness.admin("/sites");
    await harness.admin(`/sites/${site.id}`);

    const logs = harness.logText();
    expect(harness.logs.length).toBeGreaterThanOrEqual(8);
    for (const value of [...Object.values(secrets), ...rotated, stripeSecret, ADMIN_TOKEN]) {
      expect(value).toEqual(expect.any(String));
      expect(logs).not.toContain(value);
    }
  });
});
