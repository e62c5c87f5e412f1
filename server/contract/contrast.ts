/*
 * Contrast as WCAG 2 measures it. The panel's accent is the accept button's background under white text, so a
 * seller's accent must reach 4.5:1 against white (AA for normal text); when it does not, the nearest darker
 * accent that does is proposed. Shared by the server, which refuses, and the admin, which hints as one types.
 */

/** The least contrast between the accent and the white text on it (WCAG 2, AA, normal text). */
export const MIN_CONTRAST = 4.5;

const channels = (hex: string): [number, number, number] => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
];

const linear = (channel: number) => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** WCAG's relative luminance of a `#rrggbb` colour: 0 for black, 1 for white. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two `#rrggbb` colours, from 1 (the same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Whether white text on this accent can be read (4.5:1 or more). */
export const readableUnderWhite = (accent: string) => contrastRatio(accent, "#ffffff") >= MIN_CONTRAST;

function toHsl(hex: string): [number, number, number] {
  const [r, g, b] = channels(hex).map((c) => c / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h / 6, s, l];
}

function fromHsl(h: number, s: number, l: number): string {
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    const v = u < 1 / 6 ? p + (q - p) * 6 * u : u < 1 / 2 ? q : u < 2 / 3 ? p + (q - p) * (2 / 3 - u) * 6 : p;
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(h + 1 / 3)}${channel(h)}${channel(h - 1 / 3)}`;
}

/**
 * The accent itself when white text on it is readable; else the nearest darker colour of the same hue and
 * saturation that is: the lightest one that reaches 4.5:1 against white.
 */
export function readableAccent(accent: string): string {
  if (readableUnderWhite(accent)) return accent;
  const [h, s, l] = toHsl(accent);
  // Lightness `low` always passes (black does), `high` never: halve the gap until it is below one step.
  let low = 0;
  let high = l;
  while (high - low > 1 / 1024) {
    const middle = (low + high) / 2;
    if (readableUnderWhite(fromHsl(h, s, middle))) low = middle;
    else high = middle;
  }
  return fromHsl(h, s, low);
}
