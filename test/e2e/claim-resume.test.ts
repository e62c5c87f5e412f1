import { createServer, request as forward, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { TIMEOUT_MS } from "../../widget/api.ts";
import {
  launchBrowser,
  type ShopWorld,
  shopWorld,
  snippetTag,
  THANK_YOU_PATH,
  thankYouPage,
} from "../support/browser.ts";

interface Claim {
  status: number;
  session: string;
  secret: string;
}

/**
 * A proxy in front of the server, as a slow network or a slow store would be: every request reaches the
 * server, but the answer to the first claim is held until well after the widget stopped waiting for it.
 */
async function slowFirstClaim(target: string) {
  const claims: Claim[] = [];
  const server = createServer((incoming, outgoing) => {
    const isClaim = incoming.method === "POST" && incoming.url === "/v1/sessions";
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      const upstream = forward(
        `${target}${incoming.url}`,
        { method: incoming.method, headers: { ...incoming.headers, host: new URL(target).host } },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on("data", (part: Buffer) => parts.push(part));
          answer.on("end", () => {
            const answered = Buffer.concat(parts);
            const held = isClaim && record(answer.statusCode ?? 0, body, answered) === 1;
            const send = () => {
              if (outgoing.destroyed) return;
              outgoing.writeHead(answer.statusCode ?? 502, answer.headers as IncomingHttpHeaders);
              outgoing.end(answered);
            };
            if (held) setTimeout(send, TIMEOUT_MS + 2000);
            else send();
          });
        },
      );
      upstream.on("error", () => outgoing.destroy());
      upstream.end(body);
    });
  });
  /** Notes a claim and its answer; returns how many claims there have been. */
  function record(status: number, sent: Buffer, answered: Buffer): number {
    return claims.push({
      status,
      session: JSON.parse(answered.toString()).session?.id ?? "",
      secret: JSON.parse(sent.toString()).secret ?? "",
    });
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    claims,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("a first claim answered after the widget gave up on it, in Chromium", () => {
  let browser: Browser;
  let world: ShopWorld;
  let proxy: Awaited<ReturnType<typeof slowFirstClaim>>;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    world = await shopWorld(({ siteId }) => ({ body: thankYouPage(snippetTag(proxy.origin, siteId)) }));
    proxy = await slowFirstClaim(world.api);
  });
  afterEach(async () => {
    await proxy.close();
    await world.close();
  });

  test("the next attempt, with the same secret, resumes the session the server made (200), and the offer appears", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    const warnings: string[] = [];
    const failed: string[] = [];
    page.on("requestfailed", (request) => {
      if (request.method() === "POST") failed.push(new URL(request.url()).pathname);
    });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.text().startsWith("[aquarium]")) warnings.push(message.text());
    });
    await page.goto(`${world.host}${THANK_YOU_PATH}`);

    await page.getByRole("region", { name: "A special offer for your order" }).waitFor({ timeout: 15_000 });

    const [first, second] = proxy.claims;
    // The server made the session (201), but the browser stopped waiting for that answer.
    expect(first?.status).toBe(201);
    expect(first?.session).toMatch(/^sess_/);
    expect(failed).toEqual(["/v1/sessions"]);
    expect(second).toEqual({ status: 200, session: first?.session, secret: first?.secret });
    expect(proxy.claims).toHaveLength(2);
    // The secret was the host origin's own before the first claim left, and it still is.
    const stored = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith("aquarium:"))
        .map((key) => JSON.parse(localStorage.getItem(key) ?? "null")),
    );
    expect(stored).toEqual([{ secret: first?.secret }]);
    expect(await page.getByRole("region").innerText()).toContain("$66.75");
    expect(pageErrors).toEqual([]);
    expect(warnings).toEqual([]);
    await context.close();
  }, 30_000);
});
