import { useState } from "preact/hooks";
import * as z from "zod/mini";
import { plainWords } from "../../../server/contract/index.ts";
import { type Problem, problemOf } from "../api.ts";

// zod/mini ships without messages (the widget stays small); the admin says what is wrong in the server's words.
z.config({ ...z.locales.en(), customError: plainWords });

/** What the inputs hold: text as typed, switches, choices. The schema reads it through `read`. */
export type Draft = Record<string, string | boolean | string[]>;
export type FieldName<D extends Draft> = keyof D & string;

export interface FormSpec<D extends Draft, S extends z.ZodMiniType> {
  /** A name unique on the page: the inputs' ids are `${id}-${field}`. */
  id: string;
  schema: S;
  initial: D;
  /** The draft as the schema reads it (numbers, lists, nulls), and the fields that could not be read at all. */
  read(draft: D): { value: unknown; problems?: Partial<Record<FieldName<D>, string>> };
  /** Which field a path is about, by its leading segments (`discount.value` → `discountValue`); else the first segment. */
  paths?: Record<string, FieldName<D>>;
  /** The field a refusal naming none is about (a taken SKU, a wrong token): the server words those without a path. */
  claim?: (problem: Problem) => FieldName<D> | undefined;
}

/**
 * The field a path (`allowedOrigins.1`) concerns, with the entry in a list when there is one, so that
 * "entry 2: …" says which line of a list is wrong.
 */
export function locate(
  path: string,
  paths: Record<string, string> = {},
): { field: string; entry: number | null } {
  const segments = path.split(".");
  for (let length = segments.length; length > 0; length--) {
    const field = paths[segments.slice(0, length).join(".")];
    if (field) return { field, entry: entryOf(segments[length]) };
  }
  return { field: segments[0] ?? "", entry: entryOf(segments[1]) };
}
const entryOf = (segment: string | undefined) => (segment && /^\d+$/.test(segment) ? Number(segment) : null);
const say = (message: string, entry: number | null) =>
  entry === null ? message : `entry ${entry + 1}: ${message}`;

/** The draft checked against the schema: the parsed value when it is valid, and the first issue per field. */
export function check<D extends Draft, S extends z.ZodMiniType>(
  spec: Pick<FormSpec<D, S>, "schema" | "read" | "paths">,
  draft: D,
): { data: z.output<S> | undefined; errors: Partial<Record<string, string>> } {
  const { value, problems = {} } = spec.read(draft);
  const errors: Partial<Record<string, string>> = { ...problems };
  const parsed = spec.schema.safeParse(value);
  if (parsed.success && Object.keys(errors).length === 0) return { data: parsed.data, errors };
  for (const issue of parsed.error?.issues ?? []) {
    const { field, entry } = locate(issue.path.join("."), spec.paths);
    errors[field] ??= say(issue.message, entry);
  }
  return { data: undefined, errors };
}

/**
 * A form's state: validated on every change with the same schema the server uses; on submit the parsed
 * value is sent, and a refusal is shown beside the field it names. The draft is never cleared by an error.
 */
export function useForm<D extends Draft, S extends z.ZodMiniType>(spec: FormSpec<D, S>) {
  const [draft, setDraft] = useState<D>(spec.initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [server, setServer] = useState<{ fields: Partial<Record<string, string>>; message: string | null }>({
    fields: {},
    message: null,
  });
  const [busy, setBusy] = useState(false);
  // Every render, not memoised: `read` may depend on more than the draft (the offered product's currency).
  const result = check(spec, draft);
  const idOf = (name: string) => `${spec.id}-${name}`;
  const claimedBy = (problem: Problem) =>
    Object.keys(problem.fields).length === 0 ? spec.claim?.(problem) : undefined;
  const focus = (name: string | undefined) => {
    if (name) document.getElementById(idOf(name))?.focus();
  };

  return {
    id: spec.id,
    draft,
    busy,
    /** What the server said that names no field. */
    message: server.message,
    idOf,
    set<K extends FieldName<D>>(name: K, value: D[K]) {
      setDraft((previous) => ({ ...previous, [name]: value }));
      setTouched((previous) => new Set(previous).add(name));
      setServer((previous) => ({ ...previous, fields: { ...previous.fields, [name]: undefined } }));
    },
    /** The server's word on a field until it is edited; else the schema's, once the field has been touched. */
    error(name: FieldName<D>): string | undefined {
      return server.fields[name] ?? (touched.has(name) ? result.errors[name] : undefined);
    },
    /** A fresh start, after a save or to edit another item. */
    reset(next: D) {
      setDraft(next);
      setTouched(new Set());
      setServer({ fields: {}, message: null });
    },
    submit(send: (value: z.output<S>) => Promise<void>) {
      return async (event: Event) => {
        event.preventDefault();
        if (busy) return;
        setTouched(new Set(Object.keys(draft)));
        const { data, errors } = check(spec, draft);
        if (data === undefined) {
          focus(Object.keys(draft).find((name) => errors[name]));
          return;
        }
        setBusy(true);
        setServer({ fields: {}, message: null });
        try {
          await send(data);
        } catch (error) {
          const problem = problemOf(error);
          const fields: Partial<Record<string, string>> = {};
          const elsewhere: string[] = [];
          for (const [path, message] of Object.entries(problem.fields)) {
            const { field, entry } = locate(path, spec.paths);
            if (field in draft) fields[field] ??= say(message, entry);
            else elsewhere.push(`${path}: ${message}`);
          }
          const claimed = claimedBy(problem);
          if (claimed) fields[claimed] ??= problem.message;
          const concerned = Object.keys(fields);
          setServer({
            fields,
            message:
              concerned.length === 0 ? problem.message : elsewhere.length > 0 ? elsewhere.join("; ") : null,
          });
          focus(concerned[0]);
        } finally {
          setBusy(false);
        }
      };
    },
  };
}
export type Form<D extends Draft> = ReturnType<typeof useForm<D, z.ZodMiniType>>;

/** "30" → 30, "-5" → -5; null for anything else, which the form reports as not a whole number. */
export function wholeNumber(text: string): number | null {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : null;
}

/** "12.5" or "12,5" → 12.5, "20" → 20; null for anything else (a sign, letters, two points). */
export function decimalNumber(text: string): number | null {
  return /^\s*\d+(?:[.,]\d+)?\s*$/.test(text) ? Number(text.trim().replace(",", ".")) : null;
}

/** "pets, Aquarium ," → ["pets", "Aquarium"]: a list typed on one line, or one entry a line. */
export function listOf(text: string, separator: RegExp = /[,\n]/): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);
}
