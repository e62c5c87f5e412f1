import { build } from "vite";

/** The widget is built once per run, so tests can serve and measure the real bundle, not the sources. */
export default async function setup(): Promise<void> {
  await build({ logLevel: "silent", configFile: new URL("../../vite.config.ts", import.meta.url).pathname });
}
