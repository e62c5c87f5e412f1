import { useState } from "preact/hooks";
import type { ClaimLog, Site } from "../../../server/contract/index.ts";
import { problemOf, useApi } from "../api.ts";
import { currentSite } from "../state.ts";
import { when } from "../time.ts";

/** A refused origin that a click can allow: the commonest set-up mistake, mended in place. */
function AllowOrigin({ site, origin, onChange }: { site: Site; origin: string; onChange: () => void }) {
  const api = useApi();
  const [problem, setProblem] = useState("");
  const allow = async () => {
    try {
      const answer = await api.updateSite(site.id, { allowedOrigins: [...site.allowedOrigins, origin] });
      currentSite.value = answer.site;
      onChange();
    } catch (error) {
      setProblem(problemOf(error).message);
    }
  };
  return (
    <>
      <button type="button" class="secondary" onClick={allow}>
        Allow {origin}
      </button>
      {problem && (
        <span class="error" role="alert">
          {" "}
          {problem}
        </span>
      )}
    </>
  );
}

/** What thank-you pages asked for, per origin, and whether each got an offer (or why not). */
export function ClaimsSeen({
  site,
  claims,
  onChange,
}: {
  site: Site;
  claims: ClaimLog[];
  onChange: () => void;
}) {
  return (
    <section aria-labelledby="claims-title">
      <h3 id="claims-title">Thank-you pages</h3>
      {claims.length === 0 && (
        <p>
          No thank-you page has asked for an offer yet: once the snippet is on your thank-you page, each visit
          shows here.
        </p>
      )}
      {claims.map((log) => (
        <table key={log.origin ?? ""} data-origin={log.origin ?? ""}>
          <caption>
            {log.origin ?? "No origin"}
            {log.advice && (
              <>
                <br />
                <span class={log.allowed ? "muted" : "error"}>{log.advice}</span>{" "}
                {!log.allowed && log.origin && (
                  <AllowOrigin site={site} origin={log.origin} onChange={onChange} />
                )}
              </>
            )}
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Offer</th>
              <th scope="col">Order</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {log.claims.map((claim, index) => (
              <tr key={`${claim.at}-${index}`} data-outcome={claim.outcome}>
                <td data-label="When">{when(claim.at)}</td>
                <td data-label="Offer">{claim.outcome === "offer" ? "Shown" : "None"}</td>
                <td data-label="Order">
                  {claim.order ?? "—"}
                  {claim.test && <span class="muted"> (test)</span>}
                </td>
                <td data-label="Why">{claim.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
