import { validate } from "@readme/openapi-parser";
import { describe, expect, test } from "vitest";
import { createApp } from "../../../../server/app.ts";
import { loadConfig } from "../../../../server/config.ts";
import { createLogger } from "../../../../server/log.ts";
import { ADMIN_TOKEN } from "../../../support/app.ts";
import { TEST_SECRET_KEY } from "../../../support/secrets.ts";

const deps = {
  config: loadConfig({ ADMIN_TOKEN, SECRET_KEY: TEST_SECRET_KEY, PUBLIC_URL: "https://offers.example" }),
  // The document and the route table need no store: nothing below is ever called.
  store: {} as never,
  logger: createLogger("silent"),
  clock: Date.now,
};

async function served(): Promise<Record<string, unknown>> {
  const response = await createApp(deps).request("/openapi.json");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return response.json();
}

/** Hono's `/sites/:site/x/:id{regex}/*` as OpenAPI writes it: `/sites/{site}/x/{id}/{path}`. */
const openApiPath = (path: string) => path.replace(/:(\w+)(\{[^}]*\})?/g, "{$1}").replace(/\/\*$/, "/{path}");

describe("GET /openapi.json", () => {
  test("is a valid OpenAPI 3.1 document, by a well-kept validator", async () => {
    const document = await served();
    expect(document.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  test("covers every route the app serves, and nothing else", async () => {
    const document = (await served()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // Middleware is registered for every method ("ALL"); routes are not.
    const routes = createApp(deps)
      .routes.filter((route) => route.method !== "ALL")
      .map((route) => `${route.method} ${openApiPath(route.path)}`);
    expect([...new Set(routes)].sort()).toEqual([...new Set(documented)].sort());
  });

  test("describes the seller's events as webhooks, from the contract", async () => {
    const document = (await served()) as { webhooks: Record<string, { post: { requestBody: unknown } }> };
    expect(Object.keys(document.webhooks).sort()).toEqual([
      "offer.accepted",
      "offer.declined",
      "offer.paid",
      "offer.payment_failed",
      "offer.refunded",
    ]);
    expect(JSON.stringify(document.webhooks["offer.accepted"]?.post.requestBody)).toContain('"version"');
  });

  test("names the authentication each protected route needs, and every error answers the one envelope", async () => {
    const document = (await served()) as {
      paths: Record<
        string,
        Record<string, { security?: unknown[]; responses: Record<string, { content?: unknown }> }>
      >;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(
      [
        "adminCookie",
        "adminToken",
        "browserSecret",
        "standardWebhooks",
        "stripeSignature",
        "wooSignature",
      ].sort(),
    );
    expect(document.paths["/v1/sessions/{id}/decisions"]?.post?.security).toEqual([{ browserSecret: [] }]);
    expect(document.paths["/admin/api/sites"]?.get?.security).toEqual([
      { adminToken: [] },
      { adminCookie: [] },
    ]);
    const errors = Object.values(document.paths)
      .flatMap((methods) => Object.values(methods))
      .flatMap((operation) => Object.entries(operation.responses).filter(([status]) => Number(status) >= 400))
      .map(([, response]) => JSON.stringify(response.content));
    expect(errors.length).toBeGreaterThan(20);
    expect(new Set(errors)).toEqual(
      new Set([
        JSON.stringify({ "application/json": { schema: { $ref: "#/components/schemas/ErrorEnvelope" } } }),
      ]),
    );
  });
});
