import { render } from "preact";
import { useEffect, useMemo, useRef } from "preact/hooks";
import type { Offer } from "../../../server/contract/index.ts";
import { stringsFor } from "../../../widget/i18n/index.ts";
import { sealedRoot } from "../../../widget/mount.ts";
import { previewController } from "../../../widget/preview.ts";
import { Panel } from "../../../widget/ui/Panel.tsx";

/** The real widget Panel, with a controller that decides nothing: exactly what a buyer will see. */
export function WidgetPreview({ offer }: { offer: Offer }) {
  const host = useRef<HTMLDivElement>(null);
  const root = useRef<ShadowRoot | null>(null);
  const strings = useMemo(() => stringsFor("en"), []);
  // A new controller only when the offer changes, so the panel keeps its quantity while nothing does.
  const key = JSON.stringify(offer);
  const controller = useMemo(() => previewController(offer), [key]);

  useEffect(() => {
    if (!host.current) return;
    root.current ??= sealedRoot(host.current);
    render(<Panel controller={controller} strings={strings} locale="en" />, root.current);
  }, [controller]);
  useEffect(
    () => () => {
      if (root.current) render(null, root.current);
    },
    [],
  );
  return <div ref={host} class="widget-preview" data-testid="widget-preview" />;
}
