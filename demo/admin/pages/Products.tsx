import type { Product } from "../../../server/contract/index.ts";
import { useApi } from "../api.ts";
import { RecentlyDeleted, useDeletion } from "../components/Deletion.tsx";
import { EditorSection, ListProblems, RowActions } from "../components/ListPage.tsx";
import { formatMoney } from "../money.ts";
import { navigate, siteHref } from "../state.ts";
import { useLoad } from "../useLoad.ts";
import { ProductForm } from "./ProductForm.tsx";
import { ProductImport } from "./ProductImport.tsx";

function ProductTable({ products, onDelete }: { products: Product[]; onDelete(product: Product): void }) {
  if (products.length === 0) return <p>No product yet: add the ones you want to offer.</p>;
  return (
    <table>
      <caption class="sr">The catalogue</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">SKU</th>
          <th scope="col" class="number">
            Price
          </th>
          <th scope="col">Tags</th>
          <th scope="col">
            <span class="sr">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {products.map((product) => (
          <tr key={product.id}>
            <th scope="row">{product.name}</th>
            <td data-label="SKU">
              <code>{product.sku}</code>
            </td>
            <td class="number" data-label="Price">
              {formatMoney(product.price, product.currency)}
            </td>
            <td data-label="Tags">{product.tags.join(", ")}</td>
            <RowActions
              name={product.name}
              editHref={siteHref(product.siteId, "products", product.id)}
              onDelete={() => onDelete(product)}
            />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The site's catalogue; `itemId` is "new" or the product being edited. */
export function Products({ siteId, itemId }: { siteId: string; itemId: string | null }) {
  const api = useApi();
  const list = useLoad(async () => {
    const [{ products }, deleted] = await Promise.all([api.products(siteId), api.deletedProducts(siteId)]);
    return { products, deleted: deleted.products };
  }, [siteId]);
  const products = list.data?.products ?? [];
  const editing = itemId && itemId !== "new" ? products.find((product) => product.id === itemId) : null;
  const back = () => navigate(siteHref(siteId, "products"));
  const deletion = useDeletion({
    noun: "product",
    remove: (product: Product) => api.deleteProduct(siteId, product.id),
    restore: (product) => api.restoreProduct(siteId, product.id),
    reload: list.reload,
  });
  return (
    <section aria-labelledby="products-title">
      <h2 id="products-title">Products</h2>
      <ListProblems load={list.problem} />
      {deletion.view}
      {list.data && <ProductTable products={products} onDelete={deletion.ask} />}
      {itemId === null && (
        <>
          <p>
            <a class="button" href={siteHref(siteId, "products", "new")}>
              Add a product
            </a>
          </p>
          <ProductImport siteId={siteId} onImported={list.reload} />
          <RecentlyDeleted items={list.data?.deleted ?? []} restore={deletion.restore} />
        </>
      )}
      {list.data && itemId !== null && (editing || itemId === "new") && (
        <EditorSection id="product-form-title" title={editing ? `Edit “${editing.name}”` : "New product"}>
          <ProductForm
            key={itemId}
            product={editing ?? null}
            defaultCurrency={products[0]?.currency ?? "EUR"}
            onCancel={back}
            send={async (input) => {
              if (editing) await api.updateProduct(siteId, editing.id, input);
              else await api.createProduct(siteId, input);
              list.reload();
              back();
            }}
          />
        </EditorSection>
      )}
      {list.data && itemId && itemId !== "new" && !editing && <p>There is no such product in this site.</p>}
    </section>
  );
}
