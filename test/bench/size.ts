import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build } from "vite";
import { ROOT } from "../support/process.ts";

export interface Size {
  raw: number;
  gzip: number;
  brotli: number;
  /** Each part's share of the minified code, and the gzip bytes that share stands for. */
  parts: { name: string; share: number; gzip: number }[];
}

/** What a module path is part of: a package, the contract, or the widget's own code. */
function partOf(id: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1];
  if (inModules) return inModules.startsWith("@oxc-project") ? "compiler helpers" : inModules;
  if (id.includes("/server/contract/")) return "contract (server/contract)";
  if (id.includes("/widget/i18n/")) return "widget: languages";
  if (id.includes("/widget/ui/")) return "widget: panel";
  return "widget: the rest";
}

/** Sizes of the built bundle (dist/widget/aquarium.js), and what each dependency costs in it. */
export async function widgetSize(): Promise<Size> {
  const code = readFileSync(resolve(ROOT, "dist/widget/aquarium.js"));
  const gzip = gzipSync(code, { level: 9 }).length;
  const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const output = await build({
    configFile: resolve(ROOT, "vite.config.ts"),
    logLevel: "silent",
    build: { write: false },
  });
  const chunk = (Array.isArray(output) ? output[0] : output) as {
    output: { modules?: Record<string, { renderedLength: number }> }[];
  };
  const totals = new Map<string, number>();
  for (const [id, module] of Object.entries(chunk.output[0]?.modules ?? {})) {
    totals.set(partOf(id), (totals.get(partOf(id)) ?? 0) + module.renderedLength);
  }
  const all = [...totals.values()].reduce((sum, n) => sum + n, 0);
  const parts = [...totals.entries()]
    .map(([name, length]) => ({ name, share: length / all, gzip: Math.round((length / all) * gzip) }))
    .sort((a, b) => b.share - a.share);
  return { raw: code.length, gzip, brotli, parts };
}
