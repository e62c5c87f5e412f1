import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadConfig } from "../server/config.ts";
import { startServer } from "../server/serve.ts";
import { type DemoSite, seedDemo } from "./seed.ts";
import { shopRoutes } from "./shop/routes.ts";

/**
 * `npm run demo`: on one port, the server, the demo shop (/shop) and the admin (/admin), on a demo
 * database seeded with a believable catalogue and funnels.
 */
/** A value the demo makes once and keeps in ./data, so that a restart finds its database as it left it. */
function kept(file: string, make: () => string): string {
  const path = `./data/${file}`;
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  mkdirSync("./data", { recursive: true });
  const value = make();
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  return value;
}

const config = loadConfig({
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? "sqlite:./data/demo.db",
  ADMIN_TOKEN:
    process.env.ADMIN_TOKEN ??
    kept("demo-admin-token", () => `demo-${randomBytes(18).toString("base64url")}`),
  SECRET_KEY: process.env.SECRET_KEY ?? kept("demo-secret-key", () => randomBytes(32).toString("base64")),
  // The demo's seller inbox is this very server, over plain http on loopback: for development only.
  ALLOW_LOOPBACK_HTTP: process.env.ALLOW_LOOPBACK_HTTP ?? "true",
});

let demo: DemoSite | undefined;
const running = await startServer(config, async (deps) => {
  demo = await seedDemo(deps.store, config.publicUrl, Date.now());
  return { "/shop": shopRoutes(deps, demo) };
});

console.log(`
Aquarium demo, all on ${config.publicUrl}

  the shop          ${config.publicUrl}/shop/
  the admin         ${config.publicUrl}/admin/   log in with the admin token: ${config.adminToken}${
    demo?.ownerToken ? `\n  site owner token  ${demo.ownerToken}   (this site's own login, shown once)` : ""
  }
  seller's inbox    ${config.publicUrl}/shop/seller
`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    setTimeout(() => process.exit(1), 10_000).unref();
    await running.stop();
    process.exit(0);
  });
}
