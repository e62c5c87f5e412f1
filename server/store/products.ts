import type { Kysely, Selectable } from "kysely";
import type { Product } from "../contract/index.ts";
import { newId } from "../ids.ts";
import type { Database } from "./schema.ts";
import type { ProductStore } from "./store.ts";

function toProduct(row: Selectable<Database["products"]>): Product {
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
  async function get(siteId: string, id: string): Promise<Product | null> {
    const row = await db
      .selectFrom("products")
      .selectAll()
      .where("site_id", "=", siteId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toProduct(row) : null;
  }

  return {
    get,

    async create(siteId, input, now) {
      const id = newId("prod");
      await db
        .insertInto("products")
        .values({
          id,
          site_id: siteId,
          sku: input.sku,
          name: input.name,
          description: input.description,
          image_url: input.imageUrl,
          price: input.price,
          currency: input.currency,
          tags: JSON.stringify(input.tags),
          created_at: now,
          updated_at: now,
        })
        .execute();
      return (await get(siteId, id)) as Product;
    },

    async list(siteId) {
      const rows = await db
        .selectFrom("products")
        .selectAll()
        .where("site_id", "=", siteId)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
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
        .executeTakeFirst();
      return result.numUpdatedRows > 0n ? get(siteId, id) : null;
    },

    async remove(siteId, id) {
      const result = await db
        .deleteFrom("products")
        .where("site_id", "=", siteId)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
