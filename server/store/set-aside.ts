import type { Kysely, Selectable } from "kysely";
import type { Database } from "./schema.ts";

/** The tables whose rows a seller deletes: kept aside (`deleted_at`), restorable, until the sweep purges them. */
type Kept = "products" | "offers";

/** A site's rows set aside, last deleted first, each as `read` makes it, with when it was deleted. */
export async function setAside<T extends Kept, R>(
  db: Kysely<Database>,
  table: T,
  siteId: string,
  read: (row: Selectable<Database[T]>) => R,
): Promise<(R & { deletedAt: string })[]> {
  const rows = await db
    .selectFrom(table as Kept)
    .selectAll()
    .where("site_id", "=", siteId)
    .where("deleted_at", "is not", null)
    .orderBy("deleted_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    ...read(row as Selectable<Database[T]>),
    deletedAt: new Date(row.deleted_at as number).toISOString(),
  }));
}
