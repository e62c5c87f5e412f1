import {
  Discount,
  type OfferConfig,
  OfferInput,
  OfferPatch,
  offerPriceProblem,
  type Product,
} from "../../../server/contract/index.ts";
import {
  Checkbox,
  ChoiceList,
  FormMessage,
  SaveOrCancel,
  SelectField,
  TextArea,
  TextField,
} from "../components/Field.tsx";
import { FunnelMap } from "../components/FunnelMap.tsx";
import { decimalNumber, listOf, useForm, wholeNumber } from "../components/form.ts";
import { fromMinor, toMinor } from "../money.ts";
import { OfferPreview } from "./OfferPreview.tsx";
import { amountHint } from "./ProductForm.tsx";

export type OfferDraft = {
  name: string;
  productId: string;
  title: string;
  description: string;
  triggerProducts: string[];
  triggerTags: string;
  minTotal: string;
  triggerCurrency: string;
  discountType: string;
  discountValue: string;
  quantityMax: string;
  priority: string;
  active: boolean;
  downsellId: string;
  nextId: string;
  funnelOnly: boolean;
};

/** Amounts are typed in the currency they are in: the product's for a fixed discount, the order's for a minimum. */
const currencyOf = (products: Product[], id: string) => products.find((p) => p.id === id)?.currency ?? "EUR";

function draftOf(offer: OfferConfig | null, products: Product[]): OfferDraft {
  const productCurrency = currencyOf(products, offer?.productId ?? "");
  const minCurrency = offer?.trigger.currency ?? productCurrency;
  const discount = offer?.discount ?? { type: "percent", value: 10 };
  return {
    name: offer?.name ?? "",
    productId: offer?.productId ?? "",
    title: offer?.title ?? "",
    description: offer?.description ?? "",
    triggerProducts: offer?.trigger.products ?? [],
    triggerTags: offer?.trigger.tags.join(", ") ?? "",
    minTotal: offer?.trigger.minTotal == null ? "" : fromMinor(offer.trigger.minTotal, minCurrency),
    triggerCurrency: offer?.trigger.currency ?? "",
    discountType: discount.type,
    discountValue:
      discount.type === "fixed" ? fromMinor(discount.value, productCurrency) : String(discount.value),
    quantityMax: String(offer?.quantityMax ?? 1),
    priority: String(offer?.priority ?? 0),
    active: offer?.active ?? true,
    downsellId: offer?.downsellId ?? "",
    nextId: offer?.nextId ?? "",
    funnelOnly: offer?.funnelOnly ?? false,
  };
}

/** The draft as OfferInput reads it: amounts to minor units, lists split, empty choices to null. */
export function readOffer(draft: OfferDraft, products: Product[]) {
  const problems: Partial<Record<keyof OfferDraft, string>> = {};
  const productCurrency = currencyOf(products, draft.productId);
  const triggerCurrency = draft.triggerCurrency.trim().toUpperCase();
  const fixed = draft.discountType === "fixed";
  const discountValue = fixed
    ? toMinor(draft.discountValue, productCurrency)
    : decimalNumber(draft.discountValue);
  if (discountValue === null)
    problems.discountValue = fixed ? amountHint(productCurrency) : "a percentage, like 20 or 12.5";
  // Said as it is typed, in the server's words: a discount that leaves the buyer nothing to pay.
  const product = products.find((p) => p.id === draft.productId);
  const discount = Discount.safeParse({ type: draft.discountType, value: discountValue });
  const givenAway = product && discount.success ? offerPriceProblem(product, discount.data) : null;
  if (givenAway) problems.discountValue = givenAway;
  const minTotal =
    draft.minTotal.trim() === "" ? null : toMinor(draft.minTotal, triggerCurrency || productCurrency);
  if (minTotal === null && draft.minTotal.trim() !== "")
    problems.minTotal = amountHint(triggerCurrency || productCurrency);
  const quantityMax = wholeNumber(draft.quantityMax);
  if (quantityMax === null) problems.quantityMax = "a whole number, like 1";
  const priority = wholeNumber(draft.priority);
  if (priority === null) problems.priority = "a whole number, like 0";
  return {
    value: {
      name: draft.name,
      productId: draft.productId,
      title: draft.title.trim() || null,
      description: draft.description.trim() || null,
      trigger: {
        products: draft.triggerProducts,
        tags: listOf(draft.triggerTags),
        minTotal,
        currency: triggerCurrency || null,
      },
      discount: { type: draft.discountType, value: discountValue },
      quantityMax,
      priority,
      active: draft.active,
      downsellId: draft.downsellId || null,
      nextId: draft.nextId || null,
      funnelOnly: draft.funnelOnly,
    },
    problems,
  };
}

const PATHS = {
  "trigger.products": "triggerProducts",
  "trigger.tags": "triggerTags",
  "trigger.minTotal": "minTotal",
  "trigger.currency": "triggerCurrency",
  "discount.type": "discountType",
  "discount.value": "discountValue",
  discount: "discountValue",
} as const;

/** An offer: its trigger, what it offers at what discount, its limits and funnel, and a live preview. */
export function OfferForm(props: {
  offer: OfferConfig | null;
  products: Product[];
  offers: OfferConfig[];
  windowMinutes: number;
  send: (input: OfferInput) => Promise<void>;
  onCancel: () => void;
}) {
  const { products, offer } = props;
  const form = useForm({
    id: offer ? `offer-${offer.id}` : "new-offer",
    schema: offer ? OfferPatch : OfferInput,
    initial: draftOf(offer, products),
    read: (draft) => readOffer(draft, products),
    paths: PATHS,
  });
  const { draft } = form;
  const product = products.find((p) => p.id === draft.productId);
  const productChoices = products.map((p) => ({ value: p.id, label: p.name }));
  // The funnel goes to another offer of this site, never back to this one.
  const funnel = [
    { value: "", label: "None" },
    ...props.offers
      .filter((other) => other.id !== offer?.id)
      .map((other) => ({ value: other.id, label: other.name })),
  ];
  const candidate = readOffer(draft, products).value;
  const fixed = draft.discountType === "fixed";
  // The funnel as it will be once saved: this offer as edited, among the others as they are.
  const edited: OfferConfig = {
    ...(offer ?? { id: "offer_new", siteId: "", createdAt: "" }),
    ...(candidate as Omit<OfferConfig, "id" | "siteId" | "createdAt">),
    name: draft.name.trim() || "This offer",
  };
  const funnelOffers = [...props.offers.filter((other) => other.id !== edited.id), edited];
  return (
    <div class="offer-editor">
      <form onSubmit={form.submit((value) => props.send(value as OfferInput))} noValidate>
        <TextField form={form} name="name" label="Name" hint="For you: buyers never see it." />
        <fieldset>
          <legend>What is offered</legend>
          <SelectField
            form={form}
            name="productId"
            label="Product"
            choices={[{ value: "", label: "Choose a product" }, ...productChoices]}
          />
          <TextField form={form} name="title" label="Title" hint="Optional: the product's name when empty." />
          <TextArea
            form={form}
            name="description"
            label="Text"
            hint="Optional: the product's description when empty."
          />
          <div class="row">
            <SelectField
              form={form}
              name="discountType"
              label="Discount"
              choices={[
                { value: "percent", label: "Percent off" },
                { value: "fixed", label: "Amount off" },
              ]}
            />
            <TextField
              form={form}
              name="discountValue"
              label={fixed ? "Amount off" : "Percent off"}
              unit={fixed ? (product?.currency ?? "") : "%"}
              input={{ inputMode: "decimal", autocomplete: "off" }}
            />
          </div>
          <div class="row">
            <TextField
              form={form}
              name="quantityMax"
              label="Most units per buyer"
              input={{ inputMode: "numeric" }}
            />
            <TextField
              form={form}
              name="priority"
              label="Priority"
              hint="Higher first, when several offers fit an order."
              input={{ inputMode: "numeric" }}
            />
          </div>
          <Checkbox form={form} name="active" label="Active: shown to buyers" />
        </fieldset>
        <fieldset>
          <legend>When it is shown</legend>
          <p class="hint">Every condition given must hold; none given means every order.</p>
          <ChoiceList
            form={form}
            name="triggerProducts"
            label="The order has one of these products"
            choices={productChoices}
          />
          <TextField
            form={form}
            name="triggerTags"
            label="Or a product with one of these tags"
            hint="Separated by commas."
          />
          <div class="row">
            <TextField
              form={form}
              name="minTotal"
              label="Order total at least"
              unit={draft.triggerCurrency.trim().toUpperCase() || product?.currency || ""}
              hint="Optional."
              input={{ inputMode: "decimal" }}
            />
            <TextField
              form={form}
              name="triggerCurrency"
              label="Order currency"
              hint="Optional, like EUR: any when empty."
              input={{ maxLength: 3, spellcheck: false }}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>Funnel</legend>
          <SelectField form={form} name="downsellId" label="When declined, offer instead" choices={funnel} />
          <SelectField form={form} name="nextId" label="When accepted, offer next" choices={funnel} />
          <Checkbox
            form={form}
            name="funnelOnly"
            label="Only as a funnel step: never shown first, only after another offer is accepted or declined"
          />
          <FunnelMap offer={edited} offers={funnelOffers} />
        </fieldset>
        <FormMessage form={form} />
        <SaveOrCancel
          form={form}
          label={offer ? "Save the offer" : "Create the offer"}
          onCancel={props.onCancel}
        />
      </form>
      <OfferPreview
        id={offer?.id ?? null}
        product={product}
        title={draft.title}
        description={draft.description}
        discount={candidate.discount}
        quantityMax={candidate.quantityMax}
        windowMinutes={props.windowMinutes}
      />
    </div>
  );
}
