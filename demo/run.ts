import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { loadConfig } from "../server/config.ts";
import { openStore } from "../server/store/open.ts";
import { seedDemo } from "./seed.ts";

/**
 * `npm run demo`: the server on a demo database, seeded with a believable catalogue and funnels.
 * (The demo shop and the admin app join it on the same port in a later step.)
 */
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? "sqlite:./data/demo.db",
  ADMIN_TOKEN: process.env.ADMIN_TOKEN ?? `demo-${randomBytes(18).toString("base64url")}`,
};
const config = loadConfig(env);
const store = await openStore(config.databaseUrl);
const { site, secrets } = await seedDemo(store, new URL(config.publicUrl).origin, Date.now());
await store.close();

console.log(`Aquarium demo on ${config.publicUrl}`);
console.log(`  admin API:  ${config.publicUrl}/admin/api  (Authorization: Bearer ${config.adminToken})`);
console.log(`  demo site:  ${site.id}${secrets ? "  (freshly seeded)" : ""}`);

const server = spawn(process.execPath, ["server/main.ts"], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
