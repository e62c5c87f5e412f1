import { build } from "vite";

/**
 * The widget and the admin app are built once per run, so tests serve and measure the real bundles,
 * not the sources (as `npm run build` does).
 */
export default async function setup(): Promise<void> {
  await build({ logLevel: "silent", configFile: new URL("../../vite.config.ts", import.meta.url).pathname });
  await build({
    logLevel: "silent",
    configFile: new URL("../../demo/admin/vite.config.ts", import.meta.url).pathname,
  });
}
