import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { TLSSocket } from "node:tls";
import { type FakeWooOptions, fakeWooCommerce } from "./fake-woocommerce.ts";
import { TEST_SHOP_HOST, testCertificate } from "./tls.ts";

/**
 * The FAKE WooCommerce (fake-woocommerce.ts) on a port of its own: over HTTPS with a certificate made for the
 * test (trusted by this process, see tls.ts) at https://loopback.example:<port>, as a real shop must be; or
 * over plain http (at http://127.0.0.1:<port>), to show what a shop without HTTPS does with a REST API key
 * (ignores it), or as a development stand-in (`plainHttpFromLoopback`). It can be taken
 * down (connections refused) and brought back on the same port.
 */
export async function serveFakeWooCommerce(
  options: Omit<FakeWooOptions, "base">,
  {
    protocol = "https",
    host = protocol === "https" ? TEST_SHOP_HOST : "127.0.0.1",
  }: { protocol?: "https" | "http"; host?: string } = {},
) {
  let fake: ReturnType<typeof fakeWooCommerce> | undefined;
  const listener = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const request = new Request(new URL(incoming.url ?? "/", fake?.url), {
      method: incoming.method ?? "GET",
      headers: Object.entries(incoming.headers).flatMap(([name, value]) =>
        value === undefined
          ? []
          : [[name, Array.isArray(value) ? value.join(", ") : value] as [string, string]],
      ),
      ...(body.length > 0 && { body }),
    });
    try {
      const answer = await fake?.handle(request, {
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
  fake = fakeWooCommerce({ ...options, base: `${protocol}://${host}:${port}` });

  return Object.assign(fake, {
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
export type ServedFakeWooCommerce = Awaited<ReturnType<typeof serveFakeWooCommerce>>;
