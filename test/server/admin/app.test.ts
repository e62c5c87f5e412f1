import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, describe, expect, test } from "vitest";
import { adminApp } from "../../../server/admin/app.ts";
import { errorHandler } from "../../../server/http/errors.ts";
import { createLogger } from "../../../server/log.ts";

describe("the admin app's pages", () => {
  const empty = mkdtempSync(join(tmpdir(), "aq-admin-"));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  test("are served from the build, with a strict CSP and never framed; any app path is the app", async () => {
    const app = adminApp();
    for (const path of ["/", "/sites/site_x/offers"]) {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("<title>Aquarium admin</title>");
      expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  test("say how to build them when they are not built, in the error envelope", async () => {
    // Mounted as the server mounts it, so its errors meet the one error handler.
    const app = new Hono().onError(errorHandler(createLogger("silent"))).route("/admin", adminApp(empty));
    const response = await app.request("/admin/");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "The admin app is not built: run `npm run build`." },
    });
  });
});
