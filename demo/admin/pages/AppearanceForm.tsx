import { useMemo } from "preact/hooks";
import {
  AppearanceInput,
  contrastRatio,
  MIN_CONTRAST,
  type Offer,
  readableAccent,
  readableUnderWhite,
  type Site,
} from "../../../server/contract/index.ts";
import { Field, FormMessage, SelectField, TextField } from "../components/Field.tsx";
import { useForm, wholeNumber } from "../components/form.ts";
import { WidgetPreview } from "../components/WidgetPreview.tsx";

export type AppearanceDraft = {
  theme: string;
  accent: string;
  radius: string;
  font: string;
  locale: string;
};

const draftOf = ({ appearance }: Site): AppearanceDraft => ({
  ...appearance,
  radius: String(appearance.radius),
  locale: appearance.locale ?? "",
});

function read(draft: AppearanceDraft) {
  const radius = wholeNumber(draft.radius);
  return {
    value: { ...draft, radius, locale: draft.locale || null },
    ...(radius === null && { problems: { radius: "a whole number of pixels, from 0 to 24" } }),
  };
}

const THEMES = [
  { value: "auto", label: "Auto: light or dark, as the buyer's device is set" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];
const FONTS = [
  { value: "system", label: "The device's own (system)" },
  { value: "serif", label: "Serif" },
  { value: "rounded", label: "Rounded" },
  { value: "mono", label: "Monospace" },
];
const LANGUAGES = [
  { value: "", label: "The buyer's browser's" },
  { value: "en", label: "English" },
  { value: "de", label: "Deutsch" },
  { value: "fr", label: "Français" },
  { value: "es", label: "Español" },
  { value: "it", label: "Italiano" },
  { value: "pl", label: "Polski" },
];

/** What the preview shows: an offer like the seller's, priced as the server would. */
function sampleOffer(opened: number): Offer {
  return {
    id: "offer_preview0",
    title: "Aquarium starter kit",
    description: "A 60 L tank with its filter and light: everything your new fish needs.",
    image: null,
    product: "prod_preview0",
    regularPrice: 8900,
    price: 6675,
    currency: "EUR",
    discount: { type: "percent", value: 25 },
    quantityMax: 2,
    expiresAt: new Date(opened + 30 * 60_000).toISOString(),
    step: 1,
  };
}

const HEX = /^#[0-9a-f]{6}$/i;

/**
 * How the panel looks on the seller's thank-you page: theme, accent, corners, font and language, saved with the
 * site and sent to the widget with each offer, so the snippet never changes. The accent is checked as it is
 * typed (white text on it must reach 4.5:1), with the nearest readable colour one click away; the panel beside
 * is the widget's own, dressed as it will be.
 */
export function AppearanceForm(props: { site: Site; send: (appearance: AppearanceInput) => Promise<void> }) {
  const form = useForm({ id: "appearance", schema: AppearanceInput, initial: draftOf(props.site), read });
  const opened = useMemo(() => Date.now(), []);
  const { draft } = form;
  const accent = draft.accent.trim().toLowerCase();
  const valid = HEX.test(accent);
  const readable = valid && readableUnderWhite(accent);
  const preview = AppearanceInput.safeParse(read(draft).value);
  return (
    <div class="offer-editor">
      <form onSubmit={form.submit((value) => props.send(value))} noValidate>
        <SelectField form={form} name="theme" label="Theme" choices={THEMES} />
        <Field
          form={form}
          name="accent"
          label="Accent colour"
          hint={
            valid
              ? `The accept button, under white text: ${contrastRatio(accent, "#ffffff").toFixed(2)}:1 (${MIN_CONTRAST}:1 at least).`
              : "Like #0b6e4f: the accept button's colour, under white text."
          }
        >
          {(control) => (
            <>
              <input
                type="text"
                {...control}
                value={draft.accent}
                spellcheck={false}
                autocomplete="off"
                maxLength={7}
                onInput={(event) => form.set("accent", event.currentTarget.value)}
              />
              <input
                type="color"
                aria-label="Pick the accent colour"
                value={valid ? accent : "#000000"}
                onInput={(event) => form.set("accent", event.currentTarget.value)}
              />
            </>
          )}
        </Field>
        {valid && !readable && (
          <p>
            <button
              type="button"
              class="secondary"
              onClick={() => form.set("accent", readableAccent(accent))}
            >
              Use {readableAccent(accent)}, the nearest readable colour
            </button>
          </p>
        )}
        <TextField
          form={form}
          name="radius"
          label="Corner radius"
          unit="px"
          hint="From 0 (square) to 24 (very round)."
          input={{ inputMode: "numeric" }}
        />
        <SelectField form={form} name="font" label="Font" choices={FONTS} />
        <SelectField
          form={form}
          name="locale"
          label="Language"
          hint="The panel's language; a snippet's data-locale still wins."
          choices={LANGUAGES}
        />
        <FormMessage form={form} />
        <button type="submit" disabled={form.busy}>
          {form.busy ? "Saving…" : "Save the appearance"}
        </button>
      </form>
      <aside class="preview" aria-labelledby="appearance-preview-title">
        <h3 id="appearance-preview-title">Preview</h3>
        {preview.success ? (
          <WidgetPreview offer={sampleOffer(opened)} appearance={preview.data} />
        ) : (
          <p class="muted">The preview follows once every field is right.</p>
        )}
      </aside>
    </div>
  );
}
