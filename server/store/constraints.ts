/** Recognises a broken constraint in either engine's own words, so the caller can answer 409, not 500. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errcode?: number };
  return e?.code === "23505" || e?.errcode === 2067 || e?.errcode === 1555;
}

export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; errcode?: number };
  return e?.code === "23503" || e?.errcode === 787;
}
