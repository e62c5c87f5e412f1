import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { WooError, wooClient } from "../../../../server/payments/woocommerce/client.ts";
import { testResolver } from "../../../support/dns.ts";

const network = { allowLoopbackHttp: true, resolve: testResolver };
const KEYS = { key: "ck_0123456789abcdef0123456789", secret: "cs_0123456789abcdef0123456789" };

/** What each kind of answer from a shop means to the server: received or not, the key refused, not WooCommerce. */
describe("the WooCommerce REST client's failures", () => {
  let close: () => void = () => {};
  afterEach(() => close());

  async function shop(listener: RequestListener) {
    const server = createServer(listener);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    close = () => {
      server.closeAllConnections();
      server.close();
    };
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const failureOf = async (url: string) => {
    try {
      await wooClient({ url, ...KEYS }, network).get("/orders", z.array(z.unknown()));
    } catch (error) {
      if (error instanceof WooError) return error;
      throw error;
    }
    throw new Error("the request did not fail");
  };

  test("sends the key and secret as HTTP Basic, and reads the JSON answer", async () => {
    let authorization = "";
    const url = await shop((request, response) => {
      authorization = request.headers.authorization ?? "";
      response.writeHead(200, { "content-type": "application/json" }).end("[1,2]");
    });
    const { data } = await wooClient({ url, ...KEYS }, network).get("/orders", z.array(z.number()));
    expect(data).toEqual([1, 2]);
    expect(authorization).toBe(`Basic ${Buffer.from(`${KEYS.key}:${KEYS.secret}`).toString("base64")}`);
  });

  test.each([
    ["a 500", 500, "{}", "uncertain"],
    ["a 429", 429, "{}", "uncertain"],
    [
      "a 401 with WooCommerce's code",
      401,
      '{"code":"woocommerce_rest_cannot_view","message":"no"}',
      "refused",
    ],
    ["a 403", 403, '{"code":"woocommerce_rest_cannot_view"}', "refused"],
    ["WordPress without the route", 404, '{"code":"rest_no_route","message":"No route"}', "not_woocommerce"],
    ["a page that is not JSON", 404, "<html>Not found</html>", "not_woocommerce"],
    ["a WooCommerce 404", 404, '{"code":"woocommerce_rest_shop_order_invalid_id"}', "missing"],
    ["a 400", 400, '{"code":"woocommerce_rest_invalid_product_id"}', "rejected"],
    ["a 200 that is not JSON", 200, "<html>Hello</html>", "not_woocommerce"],
  ])("%s is %s", async (_what, status, body, kind) => {
    const url = await shop((_request, response) => response.writeHead(status).end(body));
    expect((await failureOf(url)).kind).toBe(kind);
  });

  test("a redirect is not followed: the seller is told the address to use", async () => {
    const url = await shop((_request, response) =>
      response.writeHead(301, { location: "https://www.shop.example/wp-json/wc/v3/orders" }).end(),
    );
    const failure = await failureOf(url);
    expect(failure.kind).toBe("not_woocommerce");
    expect(failure.message).toContain("redirects to https://www.shop.example/");
  });

  test("a connection cut before the answer may have been acted on: uncertain", async () => {
    const url = await shop((request) => request.socket.destroy());
    expect((await failureOf(url)).kind).toBe("uncertain");
  });

  test("a refused connection was never received: unreachable", async () => {
    const url = await shop((_request, response) => response.end());
    close();
    expect((await failureOf(url)).kind).toBe("unreachable");
  });

  test("an address the server may not reach is refused before any request", async () => {
    const failure = await failureOf("https://private.example");
    expect(failure.kind).toBe("address");
    expect(failure.message).toContain("public address");
  });
});
