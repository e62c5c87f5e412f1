import { existsSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";

/**
 * Tests mirror the code: a test of `server/admin/sites.ts` lives at `test/server/admin/sites.test.ts` (several
 * files for one module are `sites.<aspect>.test.ts`). Browser tests (`e2e/`), benchmarks (`bench/`) and
 * support code (`support/`) are not tests of one file. Run by `npm run lint`: a test that names no code
 * file fails it.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const EXEMPT = ["e2e", "bench", "support"];

function* tests(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!(dir === join(ROOT, "test") && EXEMPT.includes(entry.name))) yield* tests(path);
    } else if (/\.test\.tsx?$/.test(entry.name)) {
      yield relative(join(ROOT, "test"), path);
    }
  }
}

/** The code file a test is about: `x/y.aspect.test.ts` → `x/y.ts` (or `.tsx`), if there is one. */
function subjectOf(test: string): string | null {
  let base = test.replace(/\.test\.tsx?$/, "");
  for (;;) {
    for (const extension of [".ts", ".tsx"])
      if (existsSync(join(ROOT, base + extension))) return base + extension;
    const shorter = base.replace(/\.[^./]+$/, "");
    if (shorter === base) return null;
    base = shorter;
  }
}

const strays = [...tests(join(ROOT, "test"))].filter((test) => subjectOf(test) === null);
if (strays.length > 0) {
  console.error(
    `These tests mirror no code file (test/<path>.test.ts is the test of <path>.ts):\n  ${strays.join("\n  ")}`,
  );
  process.exit(1);
}
console.log("✔ every test mirrors a code file");
