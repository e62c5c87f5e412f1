import { randomFillSync } from "node:crypto";

/**
 * Random bytes for ids come from a pool filled 4 KB at a time: the same CSPRNG, each byte handed out once, but one
 * call into it per few hundred ids (a call per id cost a claim several microseconds).
 */
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomSlice(length: number): Buffer {
  if (used + length > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const slice = pool.subarray(used, used + length);
  used += length;
  return slice;
}

/** A random, prefixed id (`prod_…`): never sequential, so an id alone tells nothing and guesses nothing. */
export function newId(prefix: string): string {
  return `${prefix}_${randomSlice(12).toString("base64url")}`;
}
