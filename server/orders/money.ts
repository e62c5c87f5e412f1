import { AppError } from "../errors.ts";

const digitsCache = new Map<string, number>();

/** How many minor-unit digits a currency has (2 for EUR, 0 for JPY, 3 for KWD), from the runtime's ICU data. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      throw new AppError("invalid_request", `Unknown currency ${currency}.`);
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * A platform's decimal amount ("29.35", or 29.35) to integer minor units (2935), without floating-point
 * arithmetic: the digits are shifted as text, and anything finer than the currency allows is rounded half up.
 */
export function toMinor(amount: string | number, currency: string): number {
  const text = typeof amount === "number" ? amount.toFixed(10) : amount.trim();
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new AppError("invalid_request", `"${String(amount).slice(0, 20)}" is not an amount.`);
  const digits = minorDigits(currency);
  const whole = match[1] ?? "0";
  const fraction = (match[2] ?? "").padEnd(digits + 1, "0");
  const minor = Number(whole + fraction.slice(0, digits));
  const roundUp = Number(fraction[digits]) >= 5 ? 1 : 0;
  const result = minor + roundUp;
  if (!Number.isSafeInteger(result)) throw new AppError("invalid_request", "The amount is too large.");
  return result;
}

/**
 * Integer minor units (13350) to the platform's decimal string ("133.50"), the inverse of `toMinor`: exact, with
 * as many decimals as the currency has (none for JPY).
 */
export function toDecimal(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new Error(`${minor} is not an amount in minor units`);
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
