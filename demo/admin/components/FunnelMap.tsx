import type { OfferConfig } from "../../../server/contract/index.ts";
import { type FunnelStep, funnelsWith, type Next } from "../funnel.ts";

const ENDS: Record<Extract<Next, { end: string }>["end"], string> = {
  none: "the funnel ends",
  inactive: "the funnel ends: that offer is inactive",
  "shown-before": "the funnel ends: that offer was shown before",
  "last-step": "the funnel ends: three offers at most per order",
  missing: "the funnel ends: that offer no longer exists",
};

function Follow(props: { on: "accepted" | "declined"; next: Next; focus: string }) {
  const { next } = props;
  const label = props.on === "accepted" ? "If accepted" : "If declined";
  if ("step" in next) {
    return (
      <li>
        {label} → <Step step={next.step} focus={props.focus} />
      </li>
    );
  }
  return (
    <li class="end">
      {label}: {ENDS[next.end]}
      {next.offer ? ` (“${next.offer.name}”)` : ""}
    </li>
  );
}

function Step({ step, focus }: { step: FunnelStep; focus: string }) {
  const here = step.offer.id === focus;
  return (
    <>
      <span class={here ? "step here" : "step"} {...(here && { "aria-current": "step" })}>
        <strong>
          {step.number}. {step.offer.name}
        </strong>
        {here && " (this offer)"}
        {step.number === 1 && !step.offer.active && " (inactive: not shown)"}
      </span>
      <ul>
        <Follow on="accepted" next={step.accepted} focus={focus} />
        <Follow on="declined" next={step.declined} focus={focus} />
      </ul>
    </>
  );
}

/**
 * The funnels this offer is part of, drawn as the steps a buyer goes through: the first offer, then what follows
 * an accept and a decline, to the end. `offers` holds the offer as it is being edited.
 */
export function FunnelMap({ offer, offers }: { offer: OfferConfig; offers: OfferConfig[] }) {
  const funnels = funnelsWith(offer, offers);
  return (
    <section class="funnel-map" aria-labelledby="funnel-map-title">
      <h4 id="funnel-map-title">The funnel, step by step</h4>
      {funnels.length === 0 ? (
        <p>
          Only shown as a step, and no offer leads here yet: choose it as another offer's “When declined” or
          “When accepted” step.
        </p>
      ) : (
        funnels.map((funnel) => (
          <ol class="funnel" key={funnel.offer.id} aria-label={`The funnel of “${funnel.offer.name}”`}>
            <li>
              <Step step={funnel} focus={offer.id} />
            </li>
          </ol>
        ))
      )}
    </section>
  );
}
