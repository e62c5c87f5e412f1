import { render } from "preact";
import { useEffect, useMemo, useRef } from "preact/hooks";
import type { Offer } from "../../../server/contract/index.ts";
import { stringsFor } from "../../../widget/i18n/index.ts";
import { previewController } from "../../../widget/preview.ts";
import { Panel } from "../../../widget/ui/Panel.tsx";
import { STYLES } from "../../../widget/ui/styles.ts";

/**
 * The widget's own shadow root, as widget/mount.ts makes it: the host sealed against the page's styles,
 * the panel's styles adopted inside (a constructed sheet, which the admin's strict CSP allows).
 */
function widgetRoot(host: HTMLElement): ShadowRoot {
  host.style.setProperty("all", "initial", "important");
  host.style.setProperty("display", "block", "important");
  host.style.setProperty("contain", "content", "important");
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  if (
    "adoptedStyleSheets" in root &&
    typeof CSSStyleSheet === "function" &&
    "replaceSync" in CSSStyleSheet.prototype
  ) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement("style");
    style.textContent = STYLES;
    root.appendChild(style);
  }
  return root;
}

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
    root.current ??= widgetRoot(host.current);
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
