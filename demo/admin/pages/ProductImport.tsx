import { useState } from "preact/hooks";
import type { ImportAnswer } from "../../../server/contract/index.ts";
import { problemOf, useApi } from "../api.ts";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * "Import products from WooCommerce": the shop's published products into the catalogue, by SKU, through the
 * site's WooCommerce connection; then what was created, updated and skipped, each skipped one with its reason.
 */
export function ProductImport({ siteId, onImported }: { siteId: string; onImported(): void }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportAnswer | null>(null);
  const [problem, setProblem] = useState("");
  const run = async () => {
    setBusy(true);
    setProblem("");
    setResult(null);
    try {
      setResult(await api.importProducts(siteId));
      onImported();
    } catch (error) {
      setProblem(problemOf(error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="import">
      <button type="button" class="secondary" onClick={run} disabled={busy}>
        {busy ? "Importing…" : "Import products from WooCommerce"}
      </button>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <div role="status">
        {result && (
          <>
            <p>
              Imported from WooCommerce: {count(result.created.length, "product created", "products created")}
              , {count(result.updated.length, "updated", "updated")},{" "}
              {count(result.skipped.length, "skipped", "skipped")}. Prices are in {result.currency}.
            </p>
            {result.skipped.length > 0 && (
              <ul class="skipped">
                {result.skipped.map((skipped, index) => (
                  <li key={`${skipped.sku ?? ""}-${index}`}>
                    <strong>{skipped.name}</strong>
                    {skipped.sku ? ` (${skipped.sku})` : ""}: {skipped.reason}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </div>
  );
}
