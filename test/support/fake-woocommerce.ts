import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { TLSSocket } from "node:tls";
import { type Client, type WooStandInOptions, wooCommerceStandIn } from "../../demo/stand-ins/woocommerce.ts";
import { wooCommercePages } from "../../demo/stand-ins/woocommerce-pages.ts";
import { TEST_SHOP_HOST, testCertificate } from "./tls.ts";

export type { FakeKey, FakeOrder, FakeProduct, WooTemplates } from "../../demo/stand-ins/woocommerce.ts";

/**
 * The FAKE WooCommerce of the tests: the demo's WooCommerce stand-in (demo/stand-ins/woocommerce.ts), its REST
 * API and its order-pay page, on a port of its own: over HTTPS with a certificate made for the test (trusted
 * by this process, see tls.ts) at https://loopback.example:<port>, as a real shop must be; or over plain http
 * (at http://127.0.0.1:<port>), to show what a shop without HTTPS does with a REST API key (ignores it). It
 * can be taken down (connections refused) and brought back on the same port; `handle` answers a request as
 * the served shop would, without a network (a browser's visit to the order-pay page).
 */
export async function serveFakeWooCommerce(
  options: Omit<WooStandInOptions, "base">,
  {
    protocol = "https",
    host = protocol === "https" ? TEST_SHOP_HOST : "127.0.0.1",
  }: { protocol?: "https" | "http"; host?: string } = {},
) {
  let handle: (request: Request, client: Client) => Promise<Response | null> = async () => null;
  const listener = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const request = new Request(new URL(incoming.url ?? "/", `${protocol}://${host}`), {
      method: incoming.method ?? "GET",
      headers: Object.entries(incoming.headers).flatMap(([name, value]) =>
        value === undefined
          ? []
          : [[name, Array.isArray(value) ? value.join(", ") : value] as [string, string]],
      ),
      ...(body.length > 0 && { body }),
    });
    try {
      const answer = await handle(request, {
        secure: incoming.socket instanceof TLSSocket,
        remoteAddress: incoming.socket.remoteAddress ?? "",
      });
      // The work was done, and the answer never leaves: the connection is cut.
      if (!answer) return void incoming.socket.destroy();
      outgoing.writeHead(answer.status, Object.fromEntries(answer.headers));
      outgoing.end(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      outgoing.writeHead(500).end(String(error));
    }
  };
  const server: Server =
    protocol === "https" ? createHttpsServer(testCertificate(), listener) : createHttpServer(listener);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  const standIn = wooCommerceStandIn({ ...options, base: `${protocol}://${host}:${port}` });
  const pages = wooCommercePages(standIn);
  handle = (request, client) =>
    new URL(request.url).pathname.startsWith("/wp-json/") ? standIn.api(request, client) : pages(request);

  return Object.assign(standIn, {
    handle,
    /** The shop is down: its port refuses connections. */
    down: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
    /** The shop is back, on the same address. */
    up: () => new Promise<void>((done) => server.listen(port, "127.0.0.1", done)),
    close: () =>
      new Promise<void>((done) => {
        if (!server.listening) return done();
        server.closeAllConnections();
        server.close(() => done());
      }),
  });
}
export type FakeWooCommerce = Awaited<ReturnType<typeof serveFakeWooCommerce>>;
