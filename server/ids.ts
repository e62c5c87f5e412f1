import { randomBytes } from "node:crypto";

/** A random, prefixed id (`prod_…`): never sequential, so an id alone tells nothing and guesses nothing. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url")}`;
}
