import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { DEFAULT_APPEARANCE, type Site } from "../../../server/contract/index.ts";
import { type TestApp, testApp } from "../../support/app.ts";
import { ENGINES } from "../../support/engines.ts";
import { envelopeOf } from "../../support/envelope.ts";
import { claim, ORDER_KEY, paidOrder, seedShop } from "../../support/shop.ts";

/** A site's look (sent to the widget with each session answer) and its name, unique among the operator's sites. */
describe.each(ENGINES)("a site's appearance and name on %s", (engine) => {
  let harness: TestApp;
  beforeEach(async () => {
    harness = await testApp(engine);
  });
  afterEach(async () => {
    await harness.dispose();
  });

  const create = (json: unknown) => harness.admin("/sites", { method: "POST", json });
  const patch = (id: string, json: unknown) => harness.admin(`/sites/${id}`, { method: "PATCH", json });
  const siteOf = async (id: string): Promise<Site> =>
    (await (await harness.admin(`/sites/${id}`)).json()).site;

  test("a new site looks as the panel always did: auto theme, #0b6e4f, radius 10, system font, the buyer's language", async () => {
    const response = await create({ name: "Fish shop" });
    expect(response.status).toBe(201);
    const { site } = await response.json();
    expect(site.appearance).toEqual({
      theme: "auto",
      accent: "#0b6e4f",
      radius: 10,
      font: "system",
      locale: null,
    });
    expect(site.appearance).toEqual(DEFAULT_APPEARANCE);
  });

  test("a patch changes only the appearance fields it gives; an accent is taken in any case", async () => {
    const { site } = await (await create({ name: "Fish shop" })).json();
    const response = await patch(site.id, { appearance: { accent: "#7A2E8C", theme: "dark" } });
    expect(response.status).toBe(200);
    expect((await response.json()).site.appearance).toEqual({
      ...DEFAULT_APPEARANCE,
      accent: "#7a2e8c",
      theme: "dark",
    });
    await patch(site.id, { appearance: { radius: 0, font: "serif", locale: "pl" } });
    expect((await siteOf(site.id)).appearance).toEqual({
      theme: "dark",
      accent: "#7a2e8c",
      radius: 0,
      font: "serif",
      locale: "pl",
    });
  });

  test("an accent white text cannot be read on is refused beside the field, proposing the nearest that can", async () => {
    const { site } = await (await create({ name: "Fish shop" })).json();
    const response = await patch(site.id, { appearance: { accent: "#777777" } });
    expect(response.status).toBe(400);
    const error = await envelopeOf(response);
    expect(error.fields).toEqual({
      "appearance.accent":
        "is too light for the white text on the accept button (4.48:1, needs 4.5:1): try #767676, the nearest darker colour that is readable",
    });
    expect((await siteOf(site.id)).appearance).toEqual(DEFAULT_APPEARANCE);
    // The proposal, taken, is accepted.
    expect((await patch(site.id, { appearance: { accent: "#767676" } })).status).toBe(200);
  });

  test.each([
    [{ accent: "green" }, "appearance.accent", "must be a colour like #0b6e4f"],
    [{ radius: 25 }, "appearance.radius", "must be 24 or less"],
    [{ theme: "pink" }, "appearance.theme", "must be one of: light, dark, auto"],
    [{ font: "comic" }, "appearance.font", "must be one of: system, serif, rounded, mono"],
    [{ locale: "xx" }, "appearance.locale", "must be one of: en, de, fr, es, it, pl"],
    [{ shadow: true }, "appearance.shadow", "is not a field Aquarium knows"],
  ])("an appearance %o is refused beside %s", async (appearance, field, words) => {
    const response = await create({
      name: "Fish shop",
      appearance: { ...DEFAULT_APPEARANCE, ...appearance },
    });
    expect(response.status).toBe(400);
    expect((await envelopeOf(response)).fields?.[field]).toBe(words);
    expect((await (await harness.admin("/sites")).json()).sites).toEqual([]);
  });

  test("every session answer carries the site's appearance, as last saved", async () => {
    const shop = await seedShop(harness);
    await paidOrder(harness, shop.siteId);
    const body = { site: shop.siteId, order: { source: "woocommerce", id: "727", key: ORDER_KEY } };
    expect((await (await claim(harness, body)).json()).appearance).toEqual(DEFAULT_APPEARANCE);
    await patch(shop.siteId, { appearance: { theme: "light", accent: "#1d4ed8" } });
    expect((await (await claim(harness, body)).json()).appearance).toEqual({
      ...DEFAULT_APPEARANCE,
      theme: "light",
      accent: "#1d4ed8",
    });
  });

  test("a second site of the same name, whatever its case, is refused with 409 beside the name", async () => {
    const first = await create({ name: "Fish shop" });
    expect(first.status).toBe(201);
    for (const name of ["Fish shop", "FISH SHOP", "  fish shop "]) {
      const response = await create({ name });
      expect(response.status).toBe(409);
      const error = await envelopeOf(response);
      expect(error.code).toBe("conflict");
      expect(error.fields).toEqual({
        name: "another site is already called that: give this one a name of its own",
      });
    }
    expect((await (await harness.admin("/sites")).json()).sites).toHaveLength(1);
  });

  test("a site cannot be renamed to another's name, but may keep or recase its own", async () => {
    const { site: fish } = await (await create({ name: "Fish shop" })).json();
    const { site: garden } = await (await create({ name: "Garden shop" })).json();
    const taken = await patch(garden.id, { name: "fish shop" });
    expect(taken.status).toBe(409);
    expect(Object.keys((await envelopeOf(taken)).fields ?? {})).toEqual(["name"]);
    expect((await siteOf(garden.id)).name).toBe("Garden shop");
    expect((await patch(fish.id, { name: "Fish shop" })).status).toBe(200);
    expect((await patch(fish.id, { name: "FISH Shop" })).status).toBe(200);
    expect((await siteOf(fish.id)).name).toBe("FISH Shop");
  });
});
