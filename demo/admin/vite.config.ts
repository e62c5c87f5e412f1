import { resolve } from "node:path";
import { defineConfig } from "vite";

/** The admin app: `npx vite build --config demo/admin/vite.config.ts` → dist/admin, served at /admin/. */
export default defineConfig({
  root: import.meta.dirname,
  base: "/admin/",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: resolve(import.meta.dirname, "../../dist/admin"),
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: false,
  },
});
