import { HTTPError } from "ky";
import { describe, expect, test } from "vitest";
import { createApi, problemOf } from "../../../demo/admin/api.ts";
import { locate } from "../../../demo/admin/components/form.ts";
import { parseRoute, siteHref } from "../../../demo/admin/state.ts";
import { ADMIN_TOKEN, testApp } from "../../support/app.ts";

describe("the server's refusals, field by field", () => {
  test("a path names the form field it concerns, and which entry of a list", () => {
    expect(locate("allowedOrigins.1")).toEqual({ field: "allowedOrigins", entry: 1 });
    expect(locate("name")).toEqual({ field: "name", entry: null });
    expect(locate("discount.value", { "discount.value": "discountValue" })).toEqual({
      field: "discountValue",
      entry: null,
    });
    expect(locate("trigger.products.2", { "trigger.products": "triggerProducts" })).toEqual({
      field: "triggerProducts",
      entry: 2,
    });
  });
});

describe("calls to the real admin API", () => {
  test("every answer is read with the contract's schema: an answer that breaks it is an error, not a page showing garbage", async () => {
    const api = createApi({
      baseUrl: "http://127.0.0.1:8787/",
      fetch: async () => Response.json({ sites: [{ id: "not a site" }] }),
    });
    await expect(api.sites()).rejects.toThrow();
  });

  test("a refused call becomes a problem with the server's code, message and fields", async () => {
    const harness = await testApp("sqlite");
    try {
      const api = createApi({
        baseUrl: "http://127.0.0.1:8787/",
        fetch: (input, init) => {
          const request = input instanceof Request ? input : new Request(String(input), init);
          request.headers.set("authorization", `Bearer ${ADMIN_TOKEN}`);
          return Promise.resolve(harness.app.request(request));
        },
      });
      const error = await api
        .createSite({
          name: "",
          allowedOrigins: ["https://a.example/x"],
          offerWindowMinutes: 30,
          webhookUrl: null,
          payments: "manual",
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HTTPError);
      const problem = problemOf(error);
      expect(problem).toMatchObject({ status: 400, code: "invalid_request" });
      // The fields come from the envelope's `fields`, in plain words, not from parsing its message.
      expect(problem.fields).toEqual({
        "allowedOrigins.0": "must be an origin like https://shop.example (scheme, host and port, no path)",
        name: "must not be empty",
      });
      expect(problemOf(new TypeError("fetch failed"))).toMatchObject({ status: 0, code: "network" });
    } finally {
      await harness.dispose();
    }
  });
});

describe("the hash router", () => {
  test.each([
    ["", { page: "sites" }],
    ["#/sites", { page: "sites" }],
    ["#/sites/site_abcdefgh", { page: "site", siteId: "site_abcdefgh", section: "settings", itemId: null }],
    [
      "#/sites/site_abcdefgh/offers",
      { page: "site", siteId: "site_abcdefgh", section: "offers", itemId: null },
    ],
    [
      "#/sites/site_abcdefgh/offers/new",
      { page: "site", siteId: "site_abcdefgh", section: "offers", itemId: "new" },
    ],
    [
      "#/sites/site_abcdefgh/stats",
      { page: "site", siteId: "site_abcdefgh", section: "stats", itemId: null },
    ],
    ["#/sites/site_abcdefgh/stats/x", { page: "missing" }],
    ["#/sites/site_abcdefgh/secrets", { page: "missing" }],
    ["#/elsewhere", { page: "missing" }],
  ])("%j is %j", (hash, expected) => {
    expect(parseRoute(hash)).toEqual(expected);
  });

  test("a site's hrefs are read back as the route they name", () => {
    expect(parseRoute(siteHref("site_abcdefgh", "products", "prod_12345678"))).toEqual({
      page: "site",
      siteId: "site_abcdefgh",
      section: "products",
      itemId: "prod_12345678",
    });
    expect(siteHref("site_abcdefgh")).toBe("#/sites/site_abcdefgh");
  });
});
