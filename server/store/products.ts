import type { Kysely, Selectable } from "kysely";
import type { Product } from "../contract/index.ts";
import { newId } from "../ids.ts";
import type { Database } from "./schema.ts";
import { setAside } from "./set-aside.ts";
import type { ProductStore } from "./store.ts";

type Row = Selectable<Database["products"]>;

function toProduct(row: Row): Product {
  return {
    id: row.id,
    siteId: row.site_id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    imageUrl: row.image_url,
    price: row.price,
    currency: row.currency,
    tags: JSON.parse(row.tags),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function productStore(db: Kysely<Database>): ProductStore {
  const live = () => db.selectFrom("products").selectAll().where("deleted_at", "is", null);

  /** Sets a live product aside (`deletedAt` a time) or brings a deleted one back (null); how many rows moved. */
  async function mark(siteId: string, id: string, now: number, deletedAt: number | null): Promise<bigint> {
    const result = await db
      .updateTable("products")
      .set({ deleted_at: deletedAt, updated_at: now })
      .where("site_id", "=", siteId)
      .where("id", "=", id)
      .where("deleted_at", deletedAt === null ? "is not" : "is", null)
      .executeTakeFirst();
    return result.numUpdatedRows;
  }

  async function get(siteId: string, id: string): Promise<Product | null> {
    const row = await live().where("site_id", "=", siteId).where("id", "=", id).executeTakeFirst();
    return row ? toProduct(row) : null;
  }

  return {
    get,

    async create(siteId, input, now) {
      const values = {
        sku: input.sku,
        name: input.name,
        description: input.description,
        image_url: input.imageUrl,
        price: input.price,
        currency: input.currency,
        tags: JSON.stringify(input.tags),
        updated_at: now,
      };
      // The SKU stays unique per site, deleted products included: a deleted one holding it comes back.
      const revived = await db
        .updateTable("products")
        .set({ ...values, deleted_at: null })
        .where("site_id", "=", siteId)
        .where("sku", "=", input.sku)
        .where("deleted_at", "is not", null)
        .returning("id")
        .executeTakeFirst();
      const id = revived?.id ?? newId("prod");
      if (!revived) {
        await db
          .insertInto("products")
          .values({ id, site_id: siteId, ...values, created_at: now, deleted_at: null })
          .execute();
      }
      return (await get(siteId, id)) as Product;
    },

    async list(siteId) {
      const rows = await live().where("site_id", "=", siteId).orderBy("created_at").orderBy("id").execute();
      return rows.map(toProduct);
    },

    async update(siteId, id, patch, now) {
      const result = await db
        .updateTable("products")
        .set({
          updated_at: now,
          ...(patch.sku !== undefined && { sku: patch.sku }),
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.description !== undefined && { description: patch.description }),
          ...(patch.imageUrl !== undefined && { image_url: patch.imageUrl }),
          ...(patch.price !== undefined && { price: patch.price }),
          ...(patch.currency !== undefined && { currency: patch.currency }),
          ...(patch.tags !== undefined && { tags: JSON.stringify(patch.tags) }),
        })
        .where("site_id", "=", siteId)
        .where("id", "=", id)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n ? get(siteId, id) : null;
    },

    remove: async (siteId, id, now) => (await mark(siteId, id, now, now)) > 0n,

    restore: async (siteId, id, now) => ((await mark(siteId, id, now, null)) > 0n ? get(siteId, id) : null),

    deleted: (siteId) => setAside(db, "products", siteId, toProduct),

    async purge(before) {
      const result = await db
        .deleteFrom("products")
        .where("deleted_at", "<", before)
        // An offer deleted later may still offer it: the product goes after that offer does.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("offers").select("offers.id").whereRef("offers.product_id", "=", "products.id"),
            ),
          ),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
