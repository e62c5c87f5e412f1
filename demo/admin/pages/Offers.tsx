import type { Discount, OfferConfig, Product } from "../../../server/contract/index.ts";
import { useApi } from "../api.ts";
import { EditorSection, ListProblems, RowActions, useRemove } from "../components/ListPage.tsx";
import { formatMoney } from "../money.ts";
import { currentSite, navigate, siteHref } from "../state.ts";
import { useLoad } from "../useLoad.ts";
import { OfferForm } from "./OfferForm.tsx";

const describeDiscount = (discount: Discount, product: Product | undefined) =>
  discount.type === "percent"
    ? `${discount.value}% off`
    : `${product ? formatMoney(discount.value, product.currency) : discount.value} off`;

function OfferTable(props: {
  offers: OfferConfig[];
  products: Product[];
  onDelete(offer: OfferConfig): void;
}) {
  const { offers, products } = props;
  if (offers.length === 0) return <p>No offer yet.</p>;
  const nameOf = (id: string | null) => (id ? (offers.find((offer) => offer.id === id)?.name ?? id) : "—");
  return (
    <table>
      <caption class="sr">The offers, highest priority first</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Offers</th>
          <th scope="col">Discount</th>
          <th scope="col" class="number">
            Priority
          </th>
          <th scope="col">Active</th>
          <th scope="col">If declined</th>
          <th scope="col">If accepted</th>
          <th scope="col">
            <span class="sr">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {[...offers]
          .sort((a, b) => b.priority - a.priority)
          .map((offer) => {
            const product = products.find((p) => p.id === offer.productId);
            return (
              <tr key={offer.id}>
                <th scope="row">{offer.name}</th>
                <td data-label="Offers">{product?.name ?? offer.productId}</td>
                <td data-label="Discount">{describeDiscount(offer.discount, product)}</td>
                <td class="number" data-label="Priority">
                  {offer.priority}
                </td>
                <td data-label="Active">{offer.active ? "Yes" : "No"}</td>
                <td data-label="If declined">{nameOf(offer.downsellId)}</td>
                <td data-label="If accepted">{nameOf(offer.nextId)}</td>
                <RowActions
                  name={offer.name}
                  editHref={siteHref(offer.siteId, "offers", offer.id)}
                  onDelete={() => props.onDelete(offer)}
                />
              </tr>
            );
          })}
      </tbody>
    </table>
  );
}

/** The site's offers; `itemId` is "new" or the offer being edited. */
export function Offers({ siteId, itemId }: { siteId: string; itemId: string | null }) {
  const api = useApi();
  const data = useLoad(async () => {
    const [{ offers }, { products }] = await Promise.all([api.offers(siteId), api.products(siteId)]);
    return { offers, products };
  }, [siteId]);
  const { offers = [], products = [] } = data.data ?? {};
  const editing = itemId && itemId !== "new" ? offers.find((offer) => offer.id === itemId) : null;
  const back = () => navigate(siteHref(siteId, "offers"));
  const { problem, remove } = useRemove(
    (offer: OfferConfig) => api.deleteOffer(siteId, offer.id),
    data.reload,
  );
  return (
    <section aria-labelledby="offers-title">
      <h2 id="offers-title">Offers</h2>
      <ListProblems load={data.problem} remove={problem} />
      {data.data && <OfferTable offers={offers} products={products} onDelete={remove} />}
      {data.data && itemId === null && (
        <p>
          {products.length === 0 ? (
            <>
              First <a href={siteHref(siteId, "products", "new")}>add a product</a> to offer.
            </>
          ) : (
            <a class="button" href={siteHref(siteId, "offers", "new")}>
              New offer
            </a>
          )}
        </p>
      )}
      {data.data && itemId !== null && (editing || itemId === "new") && (
        <EditorSection id="offer-form-title" title={editing ? `Edit “${editing.name}”` : "New offer"}>
          <OfferForm
            key={itemId}
            offer={editing ?? null}
            products={products}
            offers={offers}
            windowMinutes={currentSite.value?.offerWindowMinutes ?? 30}
            onCancel={back}
            send={async (input) => {
              if (editing) await api.updateOffer(siteId, editing.id, input);
              else await api.createOffer(siteId, input);
              data.reload();
              back();
            }}
          />
        </EditorSection>
      )}
      {data.data && itemId && itemId !== "new" && !editing && <p>There is no such offer in this site.</p>}
    </section>
  );
}
