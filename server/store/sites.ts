import type { Kysely, Selectable } from "kysely";
import { Appearance, DEFAULT_APPEARANCE, SecretKind, type Site } from "../contract/index.ts";
import { newId } from "../ids.ts";
import type { SecretBox } from "../secret-box.ts";
import type { Database } from "./schema.ts";
import type { SiteStore } from "./store.ts";

type Row = Selectable<Database["sites"]>;

function toSite(row: Row, kinds: string[]): Site {
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: JSON.parse(row.allowed_origins),
    offerWindowMinutes: row.offer_window_minutes,
    webhookUrl: row.webhook_url,
    payments: row.payment_provider as Site["payments"],
    // Read leniently: a look stored by an older version that no longer parses is the default look.
    appearance: appearanceOf(row.appearance),
    secrets: Object.fromEntries(
      SecretKind.options.map((kind) => [kind, kinds.includes(kind)]),
    ) as Site["secrets"],
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function appearanceOf(stored: string | null): Appearance {
  if (stored === null) return DEFAULT_APPEARANCE;
  const parsed = Appearance.safeParse({ ...DEFAULT_APPEARANCE, ...JSON.parse(stored) });
  return parsed.success ? parsed.data : DEFAULT_APPEARANCE;
}

/** Kinds only ever compared (owner tokens) are kept as hashes; the rest must be used again, and are sealed. */
const sealed = (kind: string) => kind !== "owner";

export function siteStore(db: Kysely<Database>, box: SecretBox): SiteStore {
  const stored = (kind: string, value: string) => (sealed(kind) ? box.seal(value) : value);

  async function load(rows: Row[]): Promise<Site[]> {
    if (rows.length === 0) return [];
    const secrets = await db
      .selectFrom("site_secrets")
      .select(["site_id", "kind"])
      .where(
        "site_id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((row) =>
      toSite(
        row,
        secrets.filter((s) => s.site_id === row.id).map((s) => s.kind),
      ),
    );
  }

  async function get(id: string): Promise<Site | null> {
    const row = await db.selectFrom("sites").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? ((await load([row]))[0] ?? null) : null;
  }

  return {
    get,

    async create(input, secrets, now) {
      const id = newId("site");
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto("sites")
          .values({
            id,
            name: input.name,
            allowed_origins: JSON.stringify(input.allowedOrigins),
            offer_window_minutes: input.offerWindowMinutes,
            webhook_url: input.webhookUrl,
            payment_provider: input.payments,
            appearance: JSON.stringify(input.appearance),
            created_at: now,
            updated_at: now,
          })
          .execute();
        const values = Object.entries(secrets).map(([kind, value]) => ({
          site_id: id,
          kind,
          value: stored(kind, value),
          created_at: now,
        }));
        if (values.length > 0) await tx.insertInto("site_secrets").values(values).execute();
      });
      return (await get(id)) as Site;
    },

    async list() {
      return load(await db.selectFrom("sites").selectAll().orderBy("created_at").orderBy("id").execute());
    },

    async update(id, patch, now) {
      // Absent fields of the appearance stay as they are: the change is laid over the stored look.
      const appearance =
        patch.appearance && JSON.stringify({ ...(await get(id))?.appearance, ...patch.appearance });
      const result = await db
        .updateTable("sites")
        .set({
          updated_at: now,
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.allowedOrigins !== undefined && {
            allowed_origins: JSON.stringify(patch.allowedOrigins),
          }),
          ...(patch.offerWindowMinutes !== undefined && { offer_window_minutes: patch.offerWindowMinutes }),
          ...(patch.webhookUrl !== undefined && { webhook_url: patch.webhookUrl }),
          ...(patch.payments !== undefined && { payment_provider: patch.payments }),
          ...(appearance && { appearance }),
        })
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n ? get(id) : null;
    },

    async remove(id) {
      const result = await db.deleteFrom("sites").where("id", "=", id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async setSecret(id, kind, plain, now) {
      if (!(await get(id))) return false;
      const value = stored(kind, plain);
      await db
        .insertInto("site_secrets")
        .values({ site_id: id, kind, value, created_at: now })
        .onConflict((oc) => oc.columns(["site_id", "kind"]).doUpdateSet({ value, created_at: now }))
        .execute();
      return true;
    },

    async reseal() {
      const rows = await db.selectFrom("site_secrets").select(["site_id", "kind", "value"]).execute();
      let resealed = 0;
      for (const row of rows) {
        if (!sealed(row.kind) || box.isCurrent(row.value)) continue;
        await db
          .updateTable("site_secrets")
          .set({ value: box.seal(box.open(row.value)) })
          .where("site_id", "=", row.site_id)
          .where("kind", "=", row.kind)
          .where("value", "=", row.value)
          .execute();
        resealed += 1;
      }
      return resealed;
    },

    async bySecret(kind, value) {
      const row = await db
        .selectFrom("site_secrets")
        .select("site_id")
        .where("kind", "=", kind)
        .where("value", "=", value)
        .executeTakeFirst();
      return row?.site_id ?? null;
    },

    async secret(id, kind) {
      const row = await db
        .selectFrom("site_secrets")
        .select("value")
        .where("site_id", "=", id)
        .where("kind", "=", kind)
        .executeTakeFirst();
      return row ? (sealed(kind) ? box.open(row.value) : row.value) : null;
    },
  };
}
