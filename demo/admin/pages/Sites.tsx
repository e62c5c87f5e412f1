import { useEffect, useRef, useState } from "preact/hooks";
import type { Site } from "../../../server/contract/index.ts";
import { useApi } from "../api.ts";
import { scope, siteHref } from "../state.ts";
import { useLoad } from "../useLoad.ts";
import { SecretsOnce } from "./Secrets.tsx";
import { SiteForm } from "./SiteForm.tsx";

/** The secrets of a site just made. Kept in this page only: a reload loses them, as it must. */
function Created({ site, secrets }: { site: Site; secrets: Record<string, string> }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [site.id]);
  return (
    <section class="once" aria-labelledby="created-title">
      <h2 id="created-title" ref={heading} tabIndex={-1}>
        “{site.name}” is ready: copy its secrets now
      </h2>
      <p>
        These are shown <strong>this once</strong>. Keep them where you keep passwords; you can replace any of
        them later, but never see them again.
      </p>
      <SecretsOnce secrets={secrets} />
      <p>
        <a href={siteHref(site.id)}>Set up “{site.name}”: snippet, webhooks and products</a>
      </p>
    </section>
  );
}

/** Every site this login may see; the operator also makes new ones here. */
export function Sites() {
  const api = useApi();
  const sites = useLoad(() => api.sites(), []);
  const [created, setCreated] = useState<{ site: Site; secrets: Record<string, string> } | null>(null);
  // A fresh form after each site made, so the next one starts empty.
  const [formKey, setFormKey] = useState(0);
  return (
    <>
      <h1>Sites</h1>
      {created && <Created {...created} />}
      {sites.problem && <p class="error banner">{sites.problem.message}</p>}
      {sites.data &&
        (sites.data.sites.length === 0 ? (
          <p>No site yet.</p>
        ) : (
          <table>
            <caption class="sr">Your sites</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Allowed origins</th>
                <th scope="col">Payments</th>
                <th scope="col">Id</th>
              </tr>
            </thead>
            <tbody>
              {sites.data.sites.map((site) => (
                <tr key={site.id}>
                  <th scope="row">
                    <a href={siteHref(site.id)}>{site.name}</a>
                  </th>
                  <td data-label="Allowed origins">{site.allowedOrigins.join(", ") || "none yet"}</td>
                  <td data-label="Payments">{site.payments}</td>
                  <td data-label="Id">
                    <code>{site.id}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {scope.value === "*" && (
        <section aria-labelledby="new-site-title">
          <h2 id="new-site-title">New site</h2>
          <SiteForm
            key={formKey}
            site={null}
            submitLabel="Create the site"
            send={async (input) => {
              setCreated(await api.createSite(input));
              setFormKey((n) => n + 1);
              sites.reload();
            }}
          />
        </section>
      )}
    </>
  );
}
