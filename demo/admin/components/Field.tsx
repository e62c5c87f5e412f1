import type { ComponentChildren } from "preact";
import type { Draft, FieldName, Form } from "./form.ts";

type Keys<D extends Draft, V> = { [K in FieldName<D>]: D[K] extends V ? K : never }[FieldName<D>];

/** What every control gets: its id, and the hint and error that describe it. */
interface ControlProps {
  id: string;
  name: string;
  "aria-invalid"?: "true";
  "aria-describedby"?: string;
}

interface FieldProps<D extends Draft> {
  form: Form<D>;
  name: FieldName<D>;
  label: string;
  hint?: ComponentChildren;
  /** Shown right after the control, like the currency of an amount. */
  unit?: string;
}

/** A label, the control, a hint, and the field's error beside it, tied together for screen readers. */
export function Field<D extends Draft>(
  props: FieldProps<D> & { children: (control: ControlProps) => ComponentChildren },
) {
  const { form, name, label, hint, unit } = props;
  const id = form.idOf(name);
  const error = form.error(name);
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div class={error ? "field invalid" : "field"}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div class="control">
        {props.children({
          id,
          name,
          ...(error && { "aria-invalid": "true" }),
          ...(describedBy && { "aria-describedby": describedBy }),
        })}
        {unit && <span class="unit">{unit}</span>}
      </div>
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The few input attributes the forms use (Preact types inputs per `type`, which a spread cannot narrow). */
interface InputAttributes {
  type?: "text" | "password" | "url" | "date";
  inputMode?: "text" | "numeric" | "decimal" | "url";
  autocomplete?: string;
  autocapitalize?: "off" | "characters";
  spellcheck?: boolean;
  placeholder?: string;
  maxLength?: number;
}

export function TextField<D extends Draft>(
  props: FieldProps<D> & { name: Keys<D, string>; input?: InputAttributes },
) {
  const { form, name } = props;
  const { type = "text", ...input } = props.input ?? {};
  return (
    <Field {...props}>
      {(control) => (
        <input
          // Preact types each input `type` apart; all of these take text, which is what "text" declares.
          type={type as "text"}
          {...input}
          {...control}
          value={form.draft[name] as string}
          onInput={(event) => form.set(name, event.currentTarget.value as D[typeof name])}
        />
      )}
    </Field>
  );
}

export function TextArea<D extends Draft>(props: FieldProps<D> & { name: Keys<D, string>; rows?: number }) {
  const { form, name } = props;
  return (
    <Field {...props}>
      {(control) => (
        <textarea
          rows={props.rows ?? 3}
          {...control}
          value={form.draft[name] as string}
          onInput={(event) => form.set(name, event.currentTarget.value as D[typeof name])}
        />
      )}
    </Field>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function SelectField<D extends Draft>(
  props: FieldProps<D> & { name: Keys<D, string>; choices: Choice[] },
) {
  const { form, name } = props;
  return (
    <Field {...props}>
      {(control) => (
        <select
          {...control}
          value={form.draft[name] as string}
          onChange={(event) => form.set(name, event.currentTarget.value as D[typeof name])}
        >
          {props.choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Several choices of a list (trigger products): checkboxes in a fieldset, the error under its legend. */
export function ChoiceList<D extends Draft>(
  props: Omit<FieldProps<D>, "unit"> & { name: Keys<D, string[]>; choices: Choice[] },
) {
  const { form, name, label, hint, choices } = props;
  const id = form.idOf(name);
  const error = form.error(name);
  const chosen = form.draft[name] as string[];
  const toggle = (value: string, on: boolean) =>
    form.set(name, (on ? [...chosen, value] : chosen.filter((item) => item !== value)) as D[typeof name]);
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <fieldset
      class={error ? "field choices invalid" : "field choices"}
      id={id}
      tabIndex={-1}
      {...(describedBy && { "aria-describedby": describedBy })}
    >
      <legend>{label}</legend>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {choices.length === 0 && <p class="hint">Nothing to choose from yet.</p>}
      {choices.map((choice) => (
        <label key={choice.value} class="check">
          <input
            type="checkbox"
            checked={chosen.includes(choice.value)}
            onChange={(event) => toggle(choice.value, event.currentTarget.checked)}
          />
          {choice.label}
        </label>
      ))}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function Checkbox<D extends Draft>(props: { form: Form<D>; name: Keys<D, boolean>; label: string }) {
  const { form, name } = props;
  const id = form.idOf(name);
  return (
    <div class="field">
      <label class="check" for={id}>
        <input
          type="checkbox"
          id={id}
          checked={form.draft[name] as boolean}
          onChange={(event) => form.set(name, event.currentTarget.checked as D[typeof name])}
        />
        {props.label}
      </label>
    </div>
  );
}

/** What the server said that is about no one field. */
export function FormMessage<D extends Draft>({ form }: { form: Form<D> }) {
  return form.message ? (
    <p class="error banner" role="alert">
      {form.message}
    </p>
  ) : null;
}

/** An editor's two buttons: save (disabled, and saying so, while a save is on its way) and cancel. */
export function SaveOrCancel<D extends Draft>(props: { form: Form<D>; label: string; onCancel: () => void }) {
  return (
    <div class="actions">
      <button type="submit" disabled={props.form.busy}>
        {props.form.busy ? "Saving…" : props.label}
      </button>
      <button type="button" class="secondary" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}
