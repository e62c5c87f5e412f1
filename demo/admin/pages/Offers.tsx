import type { Discount, OfferConfig, Product } from "../../../server/contract/index.ts";
import { useApi } from "../api.ts";
import { RecentlyDeleted, useDeletion } from "../components/Deletion.tsx";
import { EditorSection, ListProblems, RowActions } from "../components/ListPage.tsx";
import { leadingTo, placeWords, triggerWords } from "../funnel.ts";
import { formatMoney } from "../money.ts";
import { currentSite, navigate, siteHref } from "../state.ts";
import { useLoad } from "../useLoad.ts";
import { OfferForm } from "./OfferForm.tsx";

const describeDiscount = (discount: Discount, product: Product | undefined) =>
  discount.type === "percent"
    ? `${discount.value} % off`
    : `${product ? formatMoney(discount.value, product.currency) : discount.value} off`;

function OfferTable(props: {
  offers: OfferConfig[];
  products: Product[];
  onDelete(offer: OfferConfig): void;
}) {
  const { offers, products } = props;
  if (offers.length === 0) return <p>No offer yet.</p>;
  const nameOf = (id: string | null) => offers.find((offer) => offer.id === id)?.name ?? "a deleted offer";
  const then = (offer: OfferConfig) =>
    [
      offer.nextId && `accepted → “${nameOf(offer.nextId)}”`,
      offer.downsellId && `declined → “${nameOf(offer.downsellId)}”`,
    ].filter(Boolean);
  return (
    <table>
      <caption class="sr">The offers, highest priority first</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Offers</th>
          <th scope="col">Discount</th>
          <th scope="col">Shown to</th>
          <th scope="col">In the funnel</th>
          <th scope="col" class="number">
            Priority
          </th>
          <th scope="col">Active</th>
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
                <td data-label="Shown to">{triggerWords(offer, products)}</td>
                <td data-label="In the funnel">
                  {placeWords(offer, offers)}
                  {then(offer).length > 0 && (
                    <>
                      <br />
                      <span class="muted">Then: {then(offer).join(", ")}</span>
                    </>
                  )}
                </td>
                <td class="number" data-label="Priority">
                  {offer.priority}
                </td>
                <td data-label="Active">{offer.active ? "Yes" : "No"}</td>
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
    const [{ offers }, { products }, deleted] = await Promise.all([
      api.offers(siteId),
      api.products(siteId),
      api.deletedOffers(siteId),
    ]);
    return { offers, products, deleted: deleted.offers };
  }, [siteId]);
  const { offers = [], products = [], deleted = [] } = data.data ?? {};
  const editing = itemId && itemId !== "new" ? offers.find((offer) => offer.id === itemId) : null;
  const back = () => navigate(siteHref(siteId, "offers"));
  const deletion = useDeletion({
    noun: "offer",
    // The steps that lead here are said in the question; answered yes, they are unlinked (and relinked on undo).
    remove: (offer: OfferConfig) => api.deleteOffer(siteId, offer.id, leadingTo(offer, offers).length > 0),
    restore: (offer) => api.restoreOffer(siteId, offer.id),
    consequences: (offer) =>
      leadingTo(offer, offers).map(
        ({ from, on }) =>
          `“${from.name}” leads here when ${on}: that step will be unlinked, and the funnel ends there.`,
      ),
    reload: data.reload,
  });
  return (
    <section aria-labelledby="offers-title">
      <h2 id="offers-title">Offers</h2>
      <ListProblems load={data.problem} />
      {deletion.view}
      {data.data && <OfferTable offers={offers} products={products} onDelete={deletion.ask} />}
      {itemId === null && <RecentlyDeleted items={deleted} restore={deletion.restore} />}
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
