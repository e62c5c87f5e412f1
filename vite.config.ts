import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig, type Plugin } from "vitest/config";
import { languageFiles, languages } from "./widget/build/languages.ts";
import { wire } from "./widget/build/wire.ts";
import { STOP } from "./widget/realm.ts";

const OUT = resolve(import.meta.dirname, "dist/widget");

/**
 * After the build: the content hash and SRI digest of the bundle, written beside it for the server
 * (which serves it at /aquarium.<hash>.js, immutable, and the language files at /aquarium.<hash>.<lang>.json)
 * and printed as the snippet a seller pastes. The hash covers the language files too: a new wording is a
 * new version, never a stale immutable file.
 */
function integrity(): Plugin {
  let mode = "production";
  return {
    name: "aquarium-integrity",
    configResolved(config) {
      mode = config.mode;
    },
    // Only for builds that write the bundle (the bench also builds in memory, to weigh its parts).
    apply: (config, env) => env.command === "build" && config.build?.write !== false,
    closeBundle() {
      const code = readFileSync(resolve(OUT, "aquarium.js"));
      const languages: Record<string, string> = Object.fromEntries(
        Object.keys(languageFiles()).map((file) => [file.split(".")[1], file]),
      );
      const version = createHash("sha256").update(code);
      for (const file of Object.values(languages)) version.update(readFileSync(resolve(OUT, file)));
      const hash = version.digest("hex").slice(0, 12);
      const sri = `sha384-${createHash("sha384").update(code).digest("base64")}`;
      writeFileSync(
        resolve(OUT, "manifest.json"),
        `${JSON.stringify({ file: "aquarium.js", hash, integrity: sri, languages }, null, 2)}\n`,
      );
      // `npm run demo` (--mode demo) prints the demo site's own snippet once it has one: a placeholder would only
      // stand beside it to be pasted by mistake.
      if (process.env.VITEST || mode === "demo") return;
      const origin = process.env.PUBLIC_URL ?? "https://offers.example";
      console.log(
        `\nThe snippet for a thank-you page:\n<script async src="${origin}/aquarium.${hash}.js" integrity="${sri}" crossorigin="anonymous" data-site="YOUR_SITE_ID"></script>\n`,
      );
    },
  };
}

export default defineConfig({
  // Never the development JSX: under NODE_ENV=test (vitest builds the bundle the tests serve and weigh) it
  // would add every element's file path and line, and the tests would weigh a bundle nobody ships.
  oxc: { jsx: { runtime: "automatic", importSource: "preact", development: false } },
  build: {
    outDir: OUT,
    emptyOutDir: true,
    target: "es2022",
    minify: true,
    reportCompressedSize: false,
    rollupOptions: {
      input: resolve(import.meta.dirname, "widget/main.ts"),
      output: {
        format: "iife",
        entryFileNames: "aquarium.js",
        // The whole bundle in one try: even the libraries' own start-up code (run before ours) cannot
        // throw into a page whose built-ins were tampered with.
        // STOP ends a copy early on purpose (widget/realm.ts): the page's copy once the fresh realm's is on its way.
        intro: "try {",
        outro: `} catch (error) { if (error !== ${JSON.stringify(STOP)}) try { console.warn("[aquarium] could not start on this page"); } catch {} }`,
      },
    },
  },
  plugins: [wire(), languages(), integrity()],
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    globalSetup: ["test/support/postgres.global.ts", "test/support/widget.global.ts"],
    environment: "node",
    // CI reads a JSON report to print its own "tests: N passed, M failed" line.
    reporters: process.env.CI ? ["default", ["json", { outputFile: ".vitest-report.json" }]] : ["default"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
