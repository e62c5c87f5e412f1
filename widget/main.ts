// biome-ignore assist/source/organizeImports: first, so that the page's copy stops before any library starts
import { host } from "./host.ts";
import { Component, type ComponentChildren, h, render } from "preact";
import { createApi } from "./api.ts";
import { fromAttributes, parseConfig } from "./config.ts";
import { languageFile, loadStrings, pickLocale, warmUp } from "./i18n/index.ts";
import { mountPoint } from "./mount.ts";
import { findOrderReference } from "./order-ref.ts";
import type { Queue } from "./realm.ts";
import { createController } from "./state.ts";
import { createStorage } from "./storage.ts";
import { Panel } from "./ui/Panel.tsx";

/**
 * The embed. `<script async src=".../aquarium.js" data-site="site_…">`, or the command queue:
 *   window.aquarium = window.aquarium || function(){(aquarium.q=aquarium.q||[]).push(arguments)};
 *   aquarium("init", { site: "site_…" });
 * Every entry point is wrapped: whatever happens, the host page never sees an exception, at most one warning.
 * This runs in a fresh realm of its own where it can (widget/realm.ts): `page` is the page's window.
 */
const { window: page, script } = host;

let warned = false;
function warn(message: string): void {
  if (warned) return;
  warned = true;
  try {
    console.warn(`[aquarium] ${message}`);
  } catch {
    // A page without a console still must not see us fail.
  }
}

/** Render errors stay inside the panel: it disappears, the page carries on. */
class Boundary extends Component<{ children: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false };
  override componentDidCatch(error: unknown) {
    warn(`the offer could not be shown (${error instanceof Error ? error.message : "error"})`);
    this.setState({ failed: true });
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

const base = (() => {
  try {
    return new URL(script?.src ?? "").origin;
  } catch {
    return "";
  }
})();
let started = false;

async function init(raw: unknown): Promise<void> {
  if (started) return;
  // The command queue's options are the page's object: only its own members are the seller's (a page's
  // library may have put enumerable ones on its Object.prototype).
  const parsed = parseConfig(raw && typeof raw === "object" ? { ...raw } : raw);
  if ("problem" in parsed) return warn(parsed.problem);
  started = true;
  const { config } = parsed;
  const order = findOrderReference(config, page.location);
  if (!order || !base) return;

  const controller = createController({
    api: createApi(base),
    storage: createStorage(),
    site: config.site,
    order,
    retry: { delays: config.retryDelays?.split(",").map(Number), for: config.retryFor },
    page,
    pageUrl: () => page.location.href,
  });
  const chooseLocale = (siteDefault?: string | null) =>
    pickLocale(
      config.locale ?? siteDefault ?? undefined,
      page.document.documentElement.lang,
      navigator.languages ?? [],
    );
  const fileOf = (language: string) => languageFile(script?.src ?? "", base, language);
  const answered = controller.start();
  // The buyer's language, its words and its number data come while the claim is in flight.
  const early = chooseLocale();
  const earlyStrings = loadStrings(early, fileOf);
  warmUp(early);
  if (!(await answered)) return;
  // The site's default language (its appearance) comes with the answer; the snippet's `data-locale` wins.
  const locale = chooseLocale(controller.state.appearance?.locale);
  const strings = await (locale === early ? earlyStrings : loadStrings(locale, fileOf));
  const root = mountPoint(page.document, script, config.target);
  render(h(Boundary, null, h(Panel, { controller, strings, locale, theme: config.theme })), root);
}

function run(args: ArrayLike<unknown>): void {
  try {
    const [command, options] = Array.prototype.slice.call(args);
    if (command === "init") {
      init(options).catch(() => warn("the offer could not be loaded"));
    } else {
      warn(`unknown command ${String(command)}`);
    }
  } catch {
    warn("a command failed");
  }
}

try {
  // Loaded twice (two tags, a tag and a tag manager): the first copy serves, the second stopped in enterRealm.
  const queued = page.aquarium?.q ?? [];
  const aquarium: Queue = (...args: unknown[]) => run(args);
  aquarium.loaded = true;
  page.aquarium = aquarium;
  if (script?.hasAttribute("data-site")) run(["init", fromAttributes(script)]);
  // By index: the queue is the page's array, whose iterator the page may have replaced.
  for (let i = 0; i < queued.length; i++) run(queued[i] as ArrayLike<unknown>);
} catch {
  warn("could not start");
}
