import { useState } from "preact/hooks";
import type { Site } from "../../../server/contract/index.ts";
import { problemOf, useApi } from "../api.ts";
import { currentSite, navigate, scope } from "../state.ts";
import { AppearanceForm } from "./AppearanceForm.tsx";
import { SecretsPanel } from "./Secrets.tsx";
import { Setup } from "./Setup.tsx";
import { SiteForm } from "./SiteForm.tsx";

function DeleteSite({ site }: { site: Site }) {
  const api = useApi();
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState("");
  const remove = async () => {
    try {
      await api.deleteSite(site.id);
      currentSite.value = null;
      navigate("#/sites");
    } catch (error) {
      setProblem(problemOf(error).message);
    }
  };
  return (
    <section aria-labelledby="delete-title">
      <h2 id="delete-title">Delete the site</h2>
      <p>Its products, offers and figures go with it, and its snippet stops showing offers.</p>
      {asking ? (
        <p>
          <button type="button" class="danger" onClick={remove}>
            Delete “{site.name}” for good
          </button>{" "}
          <button type="button" class="secondary" onClick={() => setAsking(false)}>
            Keep it
          </button>
        </p>
      ) : (
        <button type="button" class="secondary" onClick={() => setAsking(true)}>
          Delete…
        </button>
      )}
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

/** A site's settings, its secrets, the snippet and set-up steps, and (for the operator) its deletion. */
export function SiteDetail({ site }: { site: Site }) {
  const api = useApi();
  const [saved, setSaved] = useState(false);
  const [looks, setLooks] = useState(false);
  // Which secrets are set, after one changed; if this fails the page shows the older state, nothing worse.
  const refresh = () =>
    api.site(site.id).then(
      (answer) => {
        currentSite.value = answer.site;
      },
      () => {},
    );
  return (
    <>
      <section aria-labelledby="settings-title">
        <h2 id="settings-title">Settings</h2>
        <SiteForm
          site={site}
          submitLabel="Save the settings"
          send={async (patch) => {
            setSaved(false);
            currentSite.value = (await api.updateSite(site.id, patch)).site;
            setSaved(true);
          }}
        />
        <p role="status">{saved ? "Saved." : ""}</p>
      </section>
      <section aria-labelledby="appearance-title">
        <h2 id="appearance-title">Appearance</h2>
        <p>
          How the offer looks on your thank-you page. Buyers see a change at their next offer; the snippet
          stays the same.
        </p>
        <AppearanceForm
          site={site}
          send={async (appearance) => {
            setLooks(false);
            currentSite.value = (await api.updateSite(site.id, { appearance })).site;
            setLooks(true);
          }}
        />
        <p role="status">{looks ? "Saved: buyers see it from their next offer." : ""}</p>
      </section>
      <SecretsPanel site={site} onChange={() => void refresh()} />
      <Setup siteId={site.id} />
      {scope.value === "*" && <DeleteSite site={site} />}
    </>
  );
}
