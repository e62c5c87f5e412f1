import { AppError } from "../errors.ts";

/** Recognises a broken constraint in either engine's own words. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errcode?: number };
  return e?.code === "23505" || e?.errcode === 2067 || e?.errcode === 1555;
}

export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; errcode?: number };
  return e?.code === "23503" || e?.errcode === 787;
}

/** How a broken constraint reads for whoever caused it. */
export interface Conflict {
  message: string;
  fields?: Record<string, string>;
}

const CHANGED_MEANWHILE: Conflict = {
  message: "Something this refers to was changed or deleted at the same time; reload and try again.",
};

/**
 * The one place where a database's refusal (a unique or foreign-key constraint, on either engine) becomes a
 * domain error, 409 `conflict`, worded per store method where the method knows better than "changed
 * meanwhile"; anything else passes through untouched. Every method of `store` is wrapped.
 */
export function conflictsAsErrors<T extends object>(
  store: T,
  words: { [K in keyof T]?: { unique?: Conflict; foreignKey?: Conflict } } = {},
): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(store)) {
    if (typeof member !== "function") {
      wrapped[name] = member;
      continue;
    }
    const said = words[name as keyof T];
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await member.apply(store, args);
      } catch (error) {
        const conflict = isUniqueViolation(error)
          ? (said?.unique ?? CHANGED_MEANWHILE)
          : isForeignKeyViolation(error)
            ? (said?.foreignKey ?? CHANGED_MEANWHILE)
            : null;
        if (!conflict) throw error;
        throw new AppError("conflict", conflict.message, conflict.fields ? { fields: conflict.fields } : {});
      }
    };
  }
  return wrapped as T;
}
