import { type Product, ProductInput, ProductPatch } from "../../../server/contract/index.ts";
import { FormMessage, SaveOrCancel, TextArea, TextField } from "../components/Field.tsx";
import { listOf, useForm } from "../components/form.ts";
import { fractionDigits, fromMinor, toMinor } from "../money.ts";

export type ProductDraft = {
  sku: string;
  name: string;
  description: string;
  imageUrl: string;
  price: string;
  currency: string;
  tags: string;
};

const draftOf = (product: Product | null, currency: string): ProductDraft => ({
  sku: product?.sku ?? "",
  name: product?.name ?? "",
  description: product?.description ?? "",
  imageUrl: product?.imageUrl ?? "",
  price: product ? fromMinor(product.price, product.currency) : "",
  currency: product?.currency ?? currency,
  tags: product?.tags.join(", ") ?? "",
});

/** "an amount like 12.50" in the currency's own decimals ("like 1200" for yen). */
export const amountHint = (currency: string) =>
  `an amount like ${fractionDigits(currency) === 0 ? "1200" : fromMinor(1250, currency)}`;

function read(draft: ProductDraft) {
  const currency = draft.currency.trim().toUpperCase();
  const price = toMinor(draft.price, currency);
  return {
    value: {
      sku: draft.sku,
      name: draft.name,
      description: draft.description,
      imageUrl: draft.imageUrl.trim() || null,
      price,
      currency,
      tags: listOf(draft.tags),
    },
    ...(price === null && { problems: { price: amountHint(currency) } }),
  };
}

/** A product of the catalogue: new (ProductInput) or changed (ProductPatch); the price typed as 12.50. */
export function ProductForm(props: {
  product: Product | null;
  defaultCurrency: string;
  send: (input: ProductInput) => Promise<void>;
  onCancel: () => void;
}) {
  const form = useForm({
    id: props.product ? `product-${props.product.id}` : "new-product",
    schema: props.product ? ProductPatch : ProductInput,
    initial: draftOf(props.product, props.defaultCurrency),
    read,
  });
  return (
    <form onSubmit={form.submit((value) => props.send(value as ProductInput))} noValidate>
      <TextField form={form} name="name" label="Name" />
      <TextField
        form={form}
        name="sku"
        label="SKU or product id"
        hint="As your shop names it in orders, so Aquarium recognises the product when it is bought."
        input={{ spellcheck: false }}
      />
      <TextArea form={form} name="description" label="Description" />
      <TextField
        form={form}
        name="imageUrl"
        label="Image URL"
        hint="Optional. A square picture shows best."
        input={{ type: "url" }}
      />
      <div class="row">
        <TextField
          form={form}
          name="price"
          label="Price"
          unit={form.draft.currency.trim().toUpperCase()}
          input={{ inputMode: "decimal", autocomplete: "off" }}
        />
        <TextField
          form={form}
          name="currency"
          label="Currency"
          hint="ISO code, like EUR or USD."
          input={{ maxLength: 3, autocapitalize: "characters", spellcheck: false }}
        />
      </div>
      <TextField
        form={form}
        name="tags"
        label="Tags"
        hint="Separated by commas, like aquarium, gifts: offers can be triggered by a tag."
      />
      <FormMessage form={form} />
      <SaveOrCancel
        form={form}
        label={props.product ? "Save the product" : "Add the product"}
        onCancel={props.onCancel}
      />
    </form>
  );
}
