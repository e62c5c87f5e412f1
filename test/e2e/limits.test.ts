import { afterEach, describe, expect, test } from "vitest";
import { freshDatabase } from "../support/engines.ts";
import { freePort, kill, spawnServer } from "../support/process.ts";

const TOKEN = "limits-admin-token-0123456789abcdef";

/** Several instances on one PostgreSQL count their limits together: rotating between them gains nothing. */
describe("rate limits across two server processes on one PostgreSQL", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function twoServers(env: Record<string, string> = {}) {
    const database = await freshDatabase("postgres");
    cleanups.push(database.drop);
    const bases = await Promise.all(
      [0, 1].map(async () => {
        const port = await freePort();
        const running = spawnServer({
          ADMIN_TOKEN: TOKEN,
          PORT: String(port),
          DATABASE_URL: database.url,
          LOG_LEVEL: "warn",
          ...env,
        });
        cleanups.push(() => kill(running));
        return `http://127.0.0.1:${port}`;
      }),
    );
    for (const base of bases) {
      const deadline = Date.now() + 15_000;
      while ((await fetch(`${base}/healthz`).catch(() => null))?.status !== 200 && Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, 100));
      }
    }
    return bases as [string, string];
  }

  test("ten wrong logins spread over both instances, and the next one is refused on either", async () => {
    const [a, b] = await twoServers();
    const login = (base: string, i: number) =>
      fetch(`${base}/admin/api/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: `wrong-guess-${i}` }),
      }).then((response) => response.status);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push(await login(i % 2 ? a : b, i));
    expect(statuses).toEqual(Array(10).fill(401));
    expect([await login(a, 10), await login(b, 11)]).toEqual([429, 429]);
  });

  test("new order references per client are counted over both instances", async () => {
    const [a, b] = await twoServers({ RATE_LIMIT_PER_MINUTE: "4" });
    const claim = (base: string, i: number) =>
      fetch(`${base}/v1/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://fish.example" },
        body: JSON.stringify({
          site: "site_unknownunknown",
          order: { source: "woocommerce", id: String(100 + i), key: "wc_order_abcdefghijk" },
          secret: "A".repeat(43),
        }),
      }).then((response) => response.status);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await claim(i % 2 ? a : b, i));
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
  });
});
