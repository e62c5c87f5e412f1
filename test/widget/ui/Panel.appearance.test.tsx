// @vitest-environment happy-dom
import { cleanup, render } from "@testing-library/preact";
import { afterEach, describe, expect, test } from "vitest";
import type { Appearance } from "../../../server/contract/widget.ts";
import { en } from "../../../widget/i18n/en.ts";
import { previewController } from "../../../widget/preview.ts";
import { Panel } from "../../../widget/ui/Panel.tsx";
import { offer } from "../../support/widget-api.ts";

const tank = { ...offer("offer_tank0001"), discount: { type: "percent" as const, value: 25 } };
const plum: Appearance = { theme: "dark", accent: "#7a1f5c", radius: 4, font: "serif", locale: null };

describe("the panel dressed as the seller set it in the admin", () => {
  afterEach(cleanup);
  const section = (view: ReturnType<typeof render>) => view.getByRole("region") as HTMLElement;

  test("the site's theme, accent, corner radius and font reach the panel as its second-choice custom properties", () => {
    const view = render(<Panel controller={previewController(tank, plum)} strings={en} locale="en" />);
    const panel = section(view);
    expect(panel.className).toBe("panel dark");
    expect(panel.style.getPropertyValue("--aq-accent")).toBe("#7a1f5c");
    expect(panel.style.getPropertyValue("--aq-radius")).toBe("4px");
    expect(panel.style.getPropertyValue("--aq-font")).toMatch(/^Georgia,/);
  });

  test("the snippet's data-theme wins over the site's theme", () => {
    const view = render(
      <Panel controller={previewController(tank, plum)} strings={en} locale="en" theme="light" />,
    );
    expect(section(view).className).toBe("panel light");
  });

  test("without an appearance the panel is light and carries no style of its own", () => {
    const view = render(<Panel controller={previewController(tank)} strings={en} locale="en" />);
    expect(section(view).className).toBe("panel light");
    expect(section(view).getAttribute("style")).toBeNull();
  });
});

describe("a title of the seller's keeps the product's own name in sight", () => {
  afterEach(cleanup);

  test("under a custom title, the product's name; under the product's own name, nothing repeated", () => {
    const titled = render(
      <Panel
        controller={previewController({
          ...tank,
          title: "Complete the set",
          productName: "Aquarium kit 20 l",
        })}
        strings={en}
        locale="en"
      />,
    );
    expect(titled.getByRole("heading", { level: 2 }).nextElementSibling?.textContent).toBe(
      "Aquarium kit 20 l",
    );
    cleanup();
    const plain = render(
      <Panel
        controller={previewController({
          ...tank,
          title: "Aquarium kit 20 l",
          productName: "Aquarium kit 20 l",
        })}
        strings={en}
        locale="en"
      />,
    );
    expect(plain.container.textContent?.match(/Aquarium kit 20 l/g)).toHaveLength(1);
  });
});
