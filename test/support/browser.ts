import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { type Browser, chromium } from "playwright-core";
import type { TestApp } from "./app.ts";

/** Debian's Chromium, driven by playwright-core; the flags keep it off the (closed) network and quiet. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}

async function listen(server: Server): Promise<{ origin: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The test app's server on a real port of 127.0.0.1, as browsers reach it. */
export function serveApp(harness: TestApp): Promise<{ origin: string; close(): Promise<void> }> {
  // The harness's app is read at each request, so a test may restart it behind the same port.
  return listen(createAdaptorServer({ fetch: (request) => harness.app.fetch(request) }) as Server);
}

/** A seller's site: every path answers the page `html(path)` makes (a thank-you page with the snippet). */
export function serveHost(
  html: (url: URL) => { body: string; headers?: Record<string, string> },
): Promise<{ origin: string; close(): Promise<void> }> {
  return listen(
    createServer((request, response) => {
      const page = html(new URL(request.url ?? "/", "http://host"));
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", ...page.headers });
      response.end(page.body);
    }),
  );
}
