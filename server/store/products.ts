import type { Kysely, Selectable } from "kysely";
import type { Product } from "../contract/index.ts";
import { AppError } from "../errors.ts";
import { newId } from "../ids.ts";
import { isForeignKeyViolation, isUniqueViolation } from "./constraints.ts";
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

function skuTaken(error: unknown): never {
  if (isUniqueViolation(error))
    throw new AppError("conflict", "sku: Another product of this site has this SKU.");
  throw error;
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
        .execute()
        .catch(skuTaken);
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
        .executeTakeFirst()
        .catch(skuTaken);
      return result.numUpdatedRows > 0n ? get(siteId, id) : null;
    },

    async remove(siteId, id) {
      try {
        const result = await db
          .deleteFrom("products")
          .where("site_id", "=", siteId)
          .where("id", "=", id)
          .executeTakeFirst();
        return result.numDeletedRows > 0n;
      } catch (error) {
        if (isForeignKeyViolation(error))
          throw new AppError("conflict", "An offer still offers this product.");
        throw error;
      }
    },
  };
}
