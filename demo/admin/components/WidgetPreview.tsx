import { render } from "preact";
import { useEffect, useMemo, useRef } from "preact/hooks";
import type { Appearance, Offer } from "../../../server/contract/index.ts";
import { stringsFor } from "../../../widget/i18n/tables.ts";
import { sealedRoot } from "../../../widget/mount.ts";
import { previewController } from "../../../widget/preview.ts";
import { Panel } from "../../../widget/ui/Panel.tsx";

/**
 * The real widget Panel, with a controller that decides nothing: exactly what a buyer will see, dressed in the
 * site's appearance as the session answer brings it to the widget (its language included).
 */
export function WidgetPreview({ offer, appearance }: { offer: Offer; appearance?: Appearance | undefined }) {
  const host = useRef<HTMLDivElement>(null);
  const root = useRef<ShadowRoot | null>(null);
  const locale = appearance?.locale ?? "en";
  const strings = useMemo(() => stringsFor(locale), [locale]);
  // A new controller only when the offer or the look changes, so the panel keeps its quantity while nothing does.
  const key = JSON.stringify([offer, appearance]);
  const controller = useMemo(() => previewController(offer, appearance), [key]);

  useEffect(() => {
    if (!host.current) return;
    root.current ??= sealedRoot(host.current);
    render(<Panel controller={controller} strings={strings} locale={locale} />, root.current);
  }, [controller, strings]);
  useEffect(
    () => () => {
      if (root.current) render(null, root.current);
    },
    [],
  );
  return <div ref={host} class="widget-preview" data-testid="widget-preview" />;
}
