import { useMemo } from "preact/hooks";
import { Discount, discountedPrice, type Offer, type Product } from "../../../server/contract/index.ts";
import { WidgetPreview } from "../components/WidgetPreview.tsx";
import { formatMoney } from "../money.ts";
import { currentSite } from "../state.ts";

export interface PreviewInput {
  id: string | null;
  product: Product | undefined;
  title: string;
  description: string;
  discount: unknown;
  quantityMax: unknown;
  windowMinutes: number;
}

/** The offer a buyer would get, priced by the server's own function; null until product and discount make sense. */
export function previewOffer(input: PreviewInput, opened: number): Offer | null {
  const { product } = input;
  const discount = Discount.safeParse(input.discount);
  if (!product || !discount.success) return null;
  const quantityMax =
    typeof input.quantityMax === "number" && Number.isInteger(input.quantityMax)
      ? Math.min(100, Math.max(1, input.quantityMax))
      : 1;
  return {
    id: input.id ?? "offer_preview0",
    title: input.title.trim() || product.name,
    description: input.description.trim() || product.description,
    image: product.imageUrl,
    product: product.id,
    regularPrice: product.price,
    price: discountedPrice(product.price, discount.data),
    currency: product.currency,
    discount: discount.data,
    quantityMax,
    expiresAt: new Date(opened + input.windowMinutes * 60_000).toISOString(),
    step: 1,
  };
}

/** The regular price struck, the offer price beside it: what the discount does to one unit. */
export function PricePreview({ offer }: { offer: Offer }) {
  const money = (minor: number) => formatMoney(minor, offer.currency);
  return (
    <p class="price-preview" data-testid="price-preview">
      <s>
        <span class="sr">Regular price: </span>
        {money(offer.regularPrice)}
      </s>{" "}
      <strong>
        <span class="sr">Offer price: </span>
        {money(offer.price)}
      </strong>{" "}
      <span class="muted">({money(offer.regularPrice - offer.price)} off)</span>
    </p>
  );
}

/** The price and the panel exactly as buyers will see them, following the form as it is typed. */
export function OfferPreview(props: PreviewInput) {
  // The countdown starts when the preview opens, like a buyer's, rather than at every keystroke.
  const opened = useMemo(() => Date.now(), []);
  const offer = previewOffer(props, opened);
  return (
    <aside class="preview" aria-labelledby="preview-title">
      <h3 id="preview-title">Preview</h3>
      {offer ? (
        <>
          <PricePreview offer={offer} />
          <WidgetPreview offer={offer} appearance={currentSite.value?.appearance} />
        </>
      ) : (
        <p class="muted">Choose the product and a valid discount to see the offer as buyers will.</p>
      )}
    </aside>
  );
}
