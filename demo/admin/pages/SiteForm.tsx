import { type Site, SiteInput, SitePatch } from "../../../server/contract/index.ts";
import { FormMessage, SelectField, TextArea, TextField } from "../components/Field.tsx";
import { listOf, useForm, wholeNumber } from "../components/form.ts";

export type SiteDraft = {
  name: string;
  allowedOrigins: string;
  offerWindowMinutes: string;
  webhookUrl: string;
  payments: string;
};

export const draftOf = (site: Site | null): SiteDraft => ({
  name: site?.name ?? "",
  allowedOrigins: site?.allowedOrigins.join("\n") ?? "",
  offerWindowMinutes: String(site?.offerWindowMinutes ?? 30),
  webhookUrl: site?.webhookUrl ?? "",
  payments: site?.payments ?? "manual",
});

function read(draft: SiteDraft) {
  const minutes = wholeNumber(draft.offerWindowMinutes);
  return {
    value: {
      name: draft.name,
      allowedOrigins: listOf(draft.allowedOrigins, /[\s,]+/),
      offerWindowMinutes: minutes,
      webhookUrl: draft.webhookUrl.trim() || null,
      payments: draft.payments,
    },
    ...(minutes === null && { problems: { offerWindowMinutes: "a whole number of minutes, like 30" } }),
  };
}

const PAYMENTS = [
  { value: "manual", label: "Manual: you bill the buyer, told by the outbound webhook" },
  {
    value: "stripe",
    label: "Stripe: the buyer's saved card in one click, or a pay link (needs your Stripe API key)",
  },
  {
    value: "woocommerce",
    label:
      "WooCommerce: a linked order in your shop, paid on its order-pay page with any of its payment methods (needs the WooCommerce connection)",
  },
  { value: "demo", label: "Demo: settled at once, nothing is charged (for trying it out)" },
];

/** What the buyer pays, whichever way: said where the seller chooses. */
const WHAT_THE_BUYER_PAYS =
  "The buyer pays exactly the price shown in the offer × the quantity they choose, nothing on top. With WooCommerce, the linked order has no shipping; if your shop would add tax or a fee to it, it is cancelled instead (with a note) and the buyer is not asked for more.";

/** A new site (SiteInput) or changes to one (SitePatch): the same fields, checked as they are typed. */
export function SiteForm(props: {
  site: Site | null;
  send: (input: SiteInput) => Promise<void>;
  submitLabel: string;
}) {
  const form = useForm({
    id: props.site ? "site" : "new-site",
    schema: props.site ? SitePatch : SiteInput,
    initial: draftOf(props.site),
    read,
  });
  return (
    <form onSubmit={form.submit((value) => props.send(value as SiteInput))} noValidate>
      <TextField form={form} name="name" label="Name" />
      <TextArea
        form={form}
        name="allowedOrigins"
        label="Allowed origins"
        hint="The addresses of your shop's pages, one a line, like https://shop.example: only pages there may show offers."
      />
      <TextField
        form={form}
        name="offerWindowMinutes"
        label="Offer window"
        unit="minutes"
        hint="How long after payment a buyer may still see the offer."
        input={{ inputMode: "numeric" }}
      />
      <TextField
        form={form}
        name="webhookUrl"
        label="Outbound webhook URL"
        hint="Optional. Each accepted or declined offer is sent here, signed with the outbound secret."
        input={{ type: "url", placeholder: "https://shop.example/aquarium-webhook" }}
      />
      <SelectField
        form={form}
        name="payments"
        label="Payments"
        hint={WHAT_THE_BUYER_PAYS}
        choices={PAYMENTS}
      />
      <FormMessage form={form} />
      <button type="submit" disabled={form.busy}>
        {form.busy ? "Saving…" : props.submitLabel}
      </button>
    </form>
  );
}
