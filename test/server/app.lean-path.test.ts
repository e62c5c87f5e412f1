import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { createAdaptorServer } from "@hono/node-server";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { type TestApp, testApp } from "../support/app.ts";
import { ENGINES } from "../support/engines.ts";
import { browserSecret, ORDER_KEY, ORIGIN, paidOrder, seedShop } from "../support/shop.ts";

type Answer = { status: number; headers: IncomingHttpHeaders; body: string };

/** A POST as a browser's fetch sends it (its length declared), through node:http: no web streams on this side. */
function post(base: string, path: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: ORIGIN,
        "content-length": Buffer.byteLength(body),
      },
    });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8").on("data", (chunk: string) => {
        text += chunk;
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
      );
    });
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * The widget's claim through the whole app on a real socket, as `npm start` serves it: the body read straight off
 * the Node stream, and the answer written whole from the route's JSON text with every header it must carry,
 * never copied into a web Response and read back out through a stream reader (which cost a claim more than its
 * queries).
 */
describe.each(ENGINES)("the claim's path through the middleware on %s", (engine) => {
  let harness: TestApp;
  let base: string;
  let close: () => Promise<void>;
  let site: string;

  beforeEach(async () => {
    harness = await testApp(engine);
    site = (await seedShop(harness)).siteId;
    await paidOrder(harness, site);
    const server = createAdaptorServer({ fetch: harness.app.fetch });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((done) => server.close(() => done()));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await close();
    await harness.dispose();
  });

  test("claims and refusals make no web stream, and carry the private and CORS headers", async () => {
    const toWeb = vi.spyOn(Readable, "toWeb");
    const reader = vi.spyOn(ReadableStream.prototype, "getReader");
    const body = JSON.stringify({
      site,
      order: { source: "woocommerce", id: "727", key: ORDER_KEY },
      secret: browserSecret(),
    });
    const answers = [
      await post(base, "/v1/sessions", body),
      await post(base, "/v1/sessions", body),
      await post(
        base,
        "/v1/sessions",
        JSON.stringify({
          site,
          order: { source: "woocommerce", id: "404", key: ORDER_KEY },
          secret: browserSecret(),
        }),
      ),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([201, 200, 404]);
    for (const answer of answers) {
      expect(answer.headers["content-length"]).toBe(String(Buffer.byteLength(answer.body)));
      expect(answer.headers["cache-control"]).toBe("no-store");
      expect(answer.headers["x-robots-tag"]).toBe("noindex, nofollow");
      expect(answer.headers["referrer-policy"]).toBe("no-referrer");
      expect(answer.headers["access-control-allow-origin"]).toBe(ORIGIN);
      expect(answer.headers.vary).toMatch(/origin/i);
    }
    expect(toWeb).not.toHaveBeenCalled();
    expect(reader).not.toHaveBeenCalled();
  });
});
