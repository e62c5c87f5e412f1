/** How many minor units a currency has after the decimal point (2 for EUR, 0 for JPY), as Intl knows it. */
export function fractionDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    // Not a currency Intl accepts (yet: the field is being typed); the form reports the code itself.
    return 2;
  }
}

/**
 * "12.5" EUR → 1250. Works on the digits as text so that no float rounding can creep in; a comma is read
 * as the decimal point. Null when the text is not an amount, or has more decimals than the currency.
 */
export function toMinor(text: string, currency: string): number | null {
  const match = /^(\d*)(?:[.,](\d*))?$/.exec(text.trim());
  if (!match) return null;
  const [, whole = "", fraction = ""] = match;
  if (whole === "" && fraction === "") return null;
  const digits = fractionDigits(currency);
  if (fraction.length > digits) return null;
  const minor = Number(whole || "0") * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}

/** 1250 EUR → "12.50": what a money input shows. */
export function fromMinor(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  if (digits === 0) return String(minor);
  const unit = 10 ** digits;
  return `${Math.floor(minor / unit)}.${String(minor % unit).padStart(digits, "0")}`;
}

/** 1250 EUR → "€12.50": every amount the admin shows goes through Intl. */
export function formatMoney(minor: number, currency: string, locale = "en"): string {
  try {
    const format = new Intl.NumberFormat(locale, { style: "currency", currency });
    return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  } catch {
    return `${minor} ${currency}`;
  }
}
