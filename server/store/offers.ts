import type { Kysely, Selectable } from "kysely";
import type { OfferConfig } from "../contract/index.ts";
import { newId } from "../ids.ts";
import type { Database } from "./schema.ts";
import type { OfferStore } from "./store.ts";

function toOffer(row: Selectable<Database["offers"]>): OfferConfig {
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    productId: row.product_id,
    title: row.title,
    description: row.description,
    trigger: JSON.parse(row.trigger),
    discount: JSON.parse(row.discount),
    quantityMax: row.quantity_max,
    priority: row.priority,
    active: row.active === 1,
    downsellId: row.downsell_id,
    nextId: row.next_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function offerStore(db: Kysely<Database>): OfferStore {
  async function get(siteId: string, id: string): Promise<OfferConfig | null> {
    const row = await db
      .selectFrom("offers")
      .selectAll()
      .where("site_id", "=", siteId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toOffer(row) : null;
  }

  return {
    get,

    async create(siteId, input, now) {
      const id = newId("offer");
      await db
        .insertInto("offers")
        .values({
          id,
          site_id: siteId,
          name: input.name,
          product_id: input.productId,
          title: input.title,
          description: input.description,
          trigger: JSON.stringify(input.trigger),
          discount: JSON.stringify(input.discount),
          quantity_max: input.quantityMax,
          priority: input.priority,
          active: input.active ? 1 : 0,
          downsell_id: input.downsellId,
          next_id: input.nextId,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return (await get(siteId, id)) as OfferConfig;
    },

    async list(siteId) {
      const rows = await db
        .selectFrom("offers")
        .selectAll()
        .where("site_id", "=", siteId)
        .orderBy("priority", "desc")
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(toOffer);
    },

    async update(siteId, id, patch, now) {
      const result = await db
        .updateTable("offers")
        .set({
          updated_at: now,
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.productId !== undefined && { product_id: patch.productId }),
          ...(patch.title !== undefined && { title: patch.title }),
          ...(patch.description !== undefined && { description: patch.description }),
          ...(patch.trigger !== undefined && { trigger: JSON.stringify(patch.trigger) }),
          ...(patch.discount !== undefined && { discount: JSON.stringify(patch.discount) }),
          ...(patch.quantityMax !== undefined && { quantity_max: patch.quantityMax }),
          ...(patch.priority !== undefined && { priority: patch.priority }),
          ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
          ...(patch.downsellId !== undefined && { downsell_id: patch.downsellId }),
          ...(patch.nextId !== undefined && { next_id: patch.nextId }),
        })
        .where("site_id", "=", siteId)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n ? get(siteId, id) : null;
    },

    async remove(siteId, id) {
      return db.transaction().execute(async (tx) => {
        await tx
          .updateTable("offers")
          .set({ downsell_id: null })
          .where("site_id", "=", siteId)
          .where("downsell_id", "=", id)
          .execute();
        await tx
          .updateTable("offers")
          .set({ next_id: null })
          .where("site_id", "=", siteId)
          .where("next_id", "=", id)
          .execute();
        const result = await tx
          .deleteFrom("offers")
          .where("site_id", "=", siteId)
          .where("id", "=", id)
          .executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
  };
}
