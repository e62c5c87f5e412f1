import { useState } from "preact/hooks";
import {
  type BroughtSecret,
  type SecretKind,
  type Site,
  StripeApiKeyInput,
  StripeSecretInput,
  WooCommerceApiInput,
} from "../../../server/contract/index.ts";
import { problemOf, useApi } from "../api.ts";
import { CopyButton } from "../components/CopyButton.tsx";
import { FormMessage, TextField } from "../components/Field.tsx";
import { useForm } from "../components/form.ts";

export const SECRET_LABELS: Record<SecretKind, string> = {
  woocommerce: "WooCommerce webhook secret",
  stripe: "Stripe signing secret",
  "stripe-api-key": "Stripe API key",
  "woocommerce-api": "WooCommerce REST API connection",
  orders: "Order webhook secret (Standard Webhooks)",
  token: "Order token signing secret",
  outbound: "Outbound webhook signing secret",
  owner: "Site owner's login token",
};
type Generated = Exclude<SecretKind, BroughtSecret>;
const GENERATED: Generated[] = ["woocommerce", "orders", "token", "outbound", "owner"];

/** Secrets exactly as the server made them: shown this once, each with a copy button. */
export function SecretsOnce({ secrets }: { secrets: Record<string, string> }) {
  return (
    <dl class="secrets">
      {Object.entries(secrets).map(([kind, value]) => {
        const label = SECRET_LABELS[kind as SecretKind] ?? kind;
        return (
          <div key={kind}>
            <dt>{label}</dt>
            <dd>
              <code class="secret">{value}</code>
              <CopyButton value={value} label={`Copy the ${label}`} />
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function Rotate({ site, kind, onMade }: { site: Site; kind: Generated; onMade(secret: string): void }) {
  const api = useApi();
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState("");
  const make = async () => {
    setAsking(false);
    try {
      onMade((await api.rotateSecret(site.id, kind)).secret);
      setProblem("");
    } catch (error) {
      setProblem(problemOf(error).message);
    }
  };
  return (
    <span class="rotate">
      {asking ? (
        <>
          <span>The old one stops working at once.</span>
          <button type="button" class="danger" onClick={make}>
            Make a new one
          </button>
          <button type="button" class="secondary" onClick={() => setAsking(false)}>
            Keep it
          </button>
        </>
      ) : (
        <button type="button" class="secondary" onClick={() => setAsking(true)}>
          {site.secrets[kind] ? "Replace…" : "Make one…"}
        </button>
      )}
      {problem && (
        <span class="error" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}

/** What a seller pastes from Stripe, and what the field says about it. */
const BROUGHT = {
  stripe: {
    schema: StripeSecretInput,
    empty: "Paste the endpoint's signing secret from Stripe, whsec_…",
    set: "Set. Paste a new one here when you roll it in Stripe.",
  },
  "stripe-api-key": {
    schema: StripeApiKeyInput,
    empty:
      "Paste a restricted key, rk_… (README lists the permissions it needs). It is kept sealed, never shown again.",
    set: "Set. Paste a new key here to replace it.",
  },
} as const;

function BroughtSecretForm({
  site,
  kind,
  onSet,
}: {
  site: Site;
  kind: Exclude<BroughtSecret, "woocommerce-api">;
  onSet(): void;
}) {
  const api = useApi();
  const [saved, setSaved] = useState(false);
  const form = useForm({
    id: kind,
    schema: BROUGHT[kind].schema,
    initial: { secret: "" },
    read: (draft) => ({ value: { secret: draft.secret.trim() } }),
  });
  return (
    <form
      class="inline"
      noValidate
      onSubmit={form.submit(async ({ secret }) => {
        await api.setSecret(site.id, kind, secret);
        form.reset({ secret: "" });
        setSaved(true);
        onSet();
      })}
    >
      <TextField
        form={form}
        name="secret"
        label={SECRET_LABELS[kind]}
        hint={site.secrets[kind] ? BROUGHT[kind].set : BROUGHT[kind].empty}
        input={{ autocomplete: "off", spellcheck: false }}
      />
      <FormMessage form={form} />
      <button type="submit" disabled={form.busy}>
        Save the {SECRET_LABELS[kind]}
      </button>
      <span role="status">{saved ? "Saved." : ""}</span>
    </form>
  );
}

const NO_CONNECTION = { url: "", key: "", secret: "" };

/**
 * The shop's WooCommerce REST API connection: its address and the key's two halves. The server tries it before
 * keeping it, and a refusal is shown beside the field to fix (the address, the key or the secret).
 */
function WooCommerceConnectionForm({ site, onSet }: { site: Site; onSet(): void }) {
  const api = useApi();
  const [saved, setSaved] = useState(false);
  const form = useForm({
    id: "woocommerce-api",
    schema: WooCommerceApiInput,
    initial: NO_CONNECTION,
    read: (draft) => ({
      value: { url: draft.url.trim(), key: draft.key.trim(), secret: draft.secret.trim() },
    }),
  });
  return (
    <form
      noValidate
      aria-labelledby="woocommerce-api-title"
      onSubmit={form.submit(async (connection) => {
        setSaved(false);
        await api.connectWooCommerce(site.id, connection);
        form.reset(NO_CONNECTION);
        setSaved(true);
        onSet();
      })}
    >
      <h3 id="woocommerce-api-title">{SECRET_LABELS["woocommerce-api"]}</h3>
      <p>
        {site.secrets["woocommerce-api"]
          ? "Set. Save another one here to replace it."
          : "For WooCommerce payments and the product import."}{" "}
        In WooCommerce → Settings → Advanced → REST API, add a key with <strong>Read/Write</strong>{" "}
        permissions. It is tried when you save it (nothing is written in your shop), kept sealed, and never
        shown again.
      </p>
      <TextField
        form={form}
        name="url"
        label="Shop address"
        hint="Your shop's https:// address: WooCommerce takes the key over HTTPS only."
        input={{ type: "url", placeholder: "https://shop.example", autocomplete: "off" }}
      />
      <TextField
        form={form}
        name="key"
        label="Consumer key"
        hint="ck_…"
        input={{ autocomplete: "off", spellcheck: false }}
      />
      <TextField
        form={form}
        name="secret"
        label="Consumer secret"
        hint="cs_…"
        input={{ type: "password", autocomplete: "off", spellcheck: false }}
      />
      <FormMessage form={form} />
      <button type="submit" disabled={form.busy}>
        {form.busy ? "Trying the shop…" : "Save the WooCommerce connection"}
      </button>
      <span role="status">{saved ? "Saved: the shop answered and took the key." : ""}</span>
    </form>
  );
}

/** Which secrets the site has (never their values), a new one on demand, and Stripe's to paste. */
export function SecretsPanel({ site, onChange }: { site: Site; onChange(): void }) {
  const [made, setMade] = useState<Record<string, string>>({});
  return (
    <section aria-labelledby="secrets-title">
      <h2 id="secrets-title">Secrets</h2>
      <p>
        Secrets are shown once, when they are made. If one is lost or leaked, replace it and paste the new one
        where the old one was.
      </p>
      <ul class="plain">
        {GENERATED.map((kind) => (
          <li key={kind}>
            <strong>{SECRET_LABELS[kind]}</strong>: {site.secrets[kind] ? "set" : "not set"}{" "}
            <Rotate
              site={site}
              kind={kind}
              onMade={(secret) => {
                setMade((previous) => ({ ...previous, [kind]: secret }));
                onChange();
              }}
            />
          </li>
        ))}
      </ul>
      {Object.keys(made).length > 0 && (
        <div class="once" role="status">
          <p>
            <strong>Copy the new secret now:</strong> it will not be shown again.
          </p>
          <SecretsOnce secrets={made} />
        </div>
      )}
      <BroughtSecretForm site={site} kind="stripe" onSet={onChange} />
      <BroughtSecretForm site={site} kind="stripe-api-key" onSet={onChange} />
      <WooCommerceConnectionForm site={site} onSet={onChange} />
    </section>
  );
}
