import { Hono } from "hono";
import { describe, expect, test } from "vitest";
import { answerHeaders } from "../../../server/http/headers.ts";

function app(options: { https: boolean; stopping: boolean }) {
  const app = new Hono();
  app.use(answerHeaders({ https: options.https, stopping: () => options.stopping }));
  app.get("/v1/offer", (c) => c.json({ price: 1200 }));
  app.get("/admin/api/sites", (c) => c.json([]));
  app.get("/aquarium.js", (c) => c.body("/* widget */", 200, { "content-type": "text/javascript" }));
  // Headers that cannot be changed, as those of an answer passed on from fetch().
  app.get("/v1/elsewhere", () => Response.redirect("https://shop.example/thank-you", 303));
  return app;
}

describe("the headers every answer shares", () => {
  test("answers under /v1 and /admin are private: no-store, noindex, no-referrer, nosniff", async () => {
    for (const path of ["/v1/offer", "/admin/api/sites"]) {
      const response = await app({ https: false, stopping: false }).request(path);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  test("other answers keep their own caching, and get HSTS over https only", async () => {
    const plain = await app({ https: false, stopping: false }).request("/aquarium.js");
    expect(plain.headers.get("cache-control")).toBeNull();
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    const secure = await app({ https: true, stopping: false }).request("/aquarium.js");
    expect(secure.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(await secure.text()).toBe("/* widget */");
  });

  test("while stopping, every answer says Connection: close", async () => {
    const response = await app({ https: false, stopping: true }).request("/aquarium.js");
    expect(response.headers.get("connection")).toBe("close");
  });

  test("an answer whose headers cannot be changed is copied once and gets them all", async () => {
    const response = await app({ https: true, stopping: true }).request("/v1/elsewhere");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("https://shop.example/thank-you");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(response.headers.get("connection")).toBe("close");
  });
});
