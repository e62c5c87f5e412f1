import type { Kysely, Selectable, Transaction } from "kysely";
import type { FunnelLink, OfferConfig } from "../contract/index.ts";
import { newId } from "../ids.ts";
import type { Database } from "./schema.ts";
import { setAside } from "./set-aside.ts";
import type { OfferStore } from "./store.ts";

type Row = Selectable<Database["offers"]>;
const STEPS = ["downsellId", "nextId"] as const;
const COLUMN = { downsellId: "downsell_id", nextId: "next_id" } as const;

function toOffer(row: Row): OfferConfig {
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
    funnelOnly: row.funnel_only === 1,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function offerStore(db: Kysely<Database>): OfferStore {
  const live = (from: Kysely<Database> | Transaction<Database> = db) =>
    from.selectFrom("offers").selectAll().where("deleted_at", "is", null);

  async function get(siteId: string, id: string): Promise<OfferConfig | null> {
    const row = await live().where("site_id", "=", siteId).where("id", "=", id).executeTakeFirst();
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
          funnel_only: input.funnelOnly ? 1 : 0,
          created_at: now,
          updated_at: now,
          deleted_at: null,
          unlinked: null,
        })
        .execute();
      return (await get(siteId, id)) as OfferConfig;
    },

    async list(siteId) {
      const rows = await live()
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
          ...(patch.funnelOnly !== undefined && { funnel_only: patch.funnelOnly ? 1 : 0 }),
        })
        .where("site_id", "=", siteId)
        .where("id", "=", id)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n ? get(siteId, id) : null;
    },

    async remove(siteId, id, now, { detach }) {
      return db.transaction().execute(async (tx) => {
        const target = await live(tx).where("site_id", "=", siteId).where("id", "=", id).executeTakeFirst();
        if (!target) return null;
        const leading = await live(tx)
          .where("site_id", "=", siteId)
          .where("id", "!=", id)
          .where((eb) => eb.or([eb("downsell_id", "=", id), eb("next_id", "=", id)]))
          .orderBy("created_at")
          .orderBy("id")
          .execute();
        const usedBy: FunnelLink[] = leading.flatMap((row) =>
          STEPS.filter((step) => row[COLUMN[step]] === id).map((step) => ({
            offerId: row.id,
            name: row.name,
            step,
          })),
        );
        if (usedBy.length > 0 && !detach) return { removed: false as const, usedBy };
        for (const step of STEPS) {
          await tx
            .updateTable("offers")
            .set({ [COLUMN[step]]: null, updated_at: now })
            .where("site_id", "=", siteId)
            .where("deleted_at", "is", null)
            .where(COLUMN[step], "=", id)
            .execute();
        }
        const unlinked = usedBy.map(({ offerId, step }) => ({ offerId, step }));
        await tx
          .updateTable("offers")
          .set({ deleted_at: now, updated_at: now, unlinked: JSON.stringify(unlinked) })
          .where("id", "=", id)
          .execute();
        return { removed: true as const };
      });
    },

    async restore(siteId, id, now) {
      const restored = await db.transaction().execute(async (tx) => {
        const row = await tx
          .selectFrom("offers")
          .select("unlinked")
          .where("site_id", "=", siteId)
          .where("id", "=", id)
          .where("deleted_at", "is not", null)
          .executeTakeFirst();
        if (!row) return false;
        await tx
          .updateTable("offers")
          .set({ deleted_at: null, unlinked: null, updated_at: now })
          .where("id", "=", id)
          .execute();
        // The steps the deletion cut lead here again, unless the seller has pointed them elsewhere since.
        const unlinked: { offerId: string; step: (typeof STEPS)[number] }[] = JSON.parse(
          row.unlinked ?? "[]",
        );
        for (const { offerId, step } of unlinked) {
          await tx
            .updateTable("offers")
            .set({ [COLUMN[step]]: id, updated_at: now })
            .where("site_id", "=", siteId)
            .where("id", "=", offerId)
            .where("deleted_at", "is", null)
            .where(COLUMN[step], "is", null)
            .execute();
        }
        return true;
      });
      return restored ? get(siteId, id) : null;
    },

    deleted: (siteId) => setAside(db, "offers", siteId, toOffer),

    async purge(before) {
      return db.transaction().execute(async (tx) => {
        const doomed = tx.selectFrom("offers").select("id").where("deleted_at", "<", before);
        for (const step of STEPS) {
          await tx
            .updateTable("offers")
            .set({ [COLUMN[step]]: null })
            .where(COLUMN[step], "in", doomed)
            .execute();
        }
        const result = await tx.deleteFrom("offers").where("deleted_at", "<", before).executeTakeFirst();
        return Number(result.numDeletedRows);
      });
    },
  };
}
