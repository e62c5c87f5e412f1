import { resolve } from "node:path";
import { defineConfig } from "vite";
import { wire } from "../../widget/build/wire.ts";

/** The admin app: `npx vite build --config demo/admin/vite.config.ts` → dist/admin, served at /admin/. */
export default defineConfig({
  root: import.meta.dirname,
  base: "/admin/",
  // The live preview runs the widget's own panel, which reads the contract's schemas through this module.
  plugins: [wire()],
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: resolve(import.meta.dirname, "../../dist/admin"),
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: false,
  },
});
