import { type Compilable, type CompiledQuery, createQueryId, type Kysely, type QueryResult } from "kysely";

const SLOT = Symbol("parameter");
type Slot = { readonly [SLOT]: string };
const isSlot = (value: unknown): value is Slot =>
  typeof value === "object" && value !== null && SLOT in value;

/** Something that runs compiled queries: the database, or a transaction of it. */
export type Executor = { executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> };

/**
 * A query built and compiled once, then run with new values. Kysely otherwise builds and compiles a query at
 * each call (tens of µs on a hot path of a few queries), and the statement cache then hashes its fresh SQL text
 * again. `build` receives `param(name)`, which stands for a value given at each run:
 *
 *   const byId = prepared((param) => db.selectFrom("orders").selectAll().where("id", "=", param("id")));
 *   const { rows } = await byId(db, { id });
 *
 * Values written in `build` itself (a status, a limit) are kept as they are. A parameter may only stand where
 * Kysely takes a value (a comparison, a value inserted or set), never for a name or a list.
 */
export function prepared<P extends Record<string, unknown>, R>(
  build: (param: (name: keyof P & string) => never) => Compilable<R>,
): (executor: Executor, values: P) => Promise<QueryResult<R>> {
  let compiled: { query: CompiledQuery<R>; slots: ({ name: string } | { value: unknown })[] } | undefined;
  const compile = () => {
    const query = build((name) => ({ [SLOT]: name }) as never).compile();
    const slots = query.parameters.map((value) => (isSlot(value) ? { name: value[SLOT] } : { value }));
    return { query, slots };
  };
  return (executor, values) => {
    compiled ??= compile();
    const parameters = compiled.slots.map((slot) => ("name" in slot ? values[slot.name] : slot.value));
    return executor.executeQuery<R>({ ...compiled.query, parameters, queryId: createQueryId() });
  };
}

/**
 * An insert of one row of `table`, compiled once: each of `columns` a parameter named after it, the row given at
 * each run (`ignoreConflicts`: a row breaking a unique constraint is skipped, 0 rows inserted).
 */
export function preparedInsert<DB, T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  columns: readonly (keyof DB[T] & string)[],
  { ignoreConflicts = false }: { ignoreConflicts?: boolean } = {},
): (executor: Executor, row: { [C in keyof DB[T]]?: unknown }) => Promise<QueryResult<never>> {
  const insert = prepared<Record<string, unknown>, never>((param) => {
    const query = db
      .insertInto(table)
      .values(Object.fromEntries(columns.map((column) => [column, param(column)])) as never);
    return ignoreConflicts ? query.onConflict((oc) => oc.doNothing()) : query;
  });
  return (executor, row) => insert(executor, row as Record<string, unknown>);
}
