/**
 * Amounts, rates and quantities as people type them, read into the integers the API takes
 * ("23.50" with 4 digits → 235000 ten-thousandths) and written back, with string arithmetic only:
 * a typed amount never passes through a float.
 */
export type DecimalReading = { value: number } | { error: string };

/** `text` as an integer count of 10^-digits; "1,234.5" and "1234,5" both read; at most `digits` decimals. */
export function readDecimal(text: string, digits: number, what = "an amount"): DecimalReading {
  let body = text.trim().replace(/\s/g, "");
  if (body === "") return { error: `type ${what}` };
  // One comma and no point is a decimal comma; otherwise commas group thousands.
  if (/^\d+,\d+$/.test(body) && !/^\d{1,3},\d{3}$/.test(body)) body = body.replace(",", ".");
  else body = body.replace(/,(?=\d{3}(\D|$))/g, "");
  const match = /^(\d+)(?:\.(\d*))?$/.exec(body);
  if (!match) return { error: `type ${what} as a number, like 23.50` };
  const fraction = match[2] ?? "";
  if (fraction.length > digits)
    return { error: digits === 0 ? `type ${what} without decimals` : `at most ${digits} decimals` };
  const whole = match[1]!.replace(/^0+(?=\d)/, "");
  const digitsText = `${whole}${fraction.padEnd(digits, "0")}`;
  if (digitsText.length > 15) return { error: `${what} is too large` };
  return { value: Number(digitsText) };
}

/** 235000 with 4 digits → "23.50" (at least `keep` decimals, trailing zeros beyond dropped). */
export function decimalText(value: number, digits: number, keep = 2): string {
  const negative = value < 0;
  const text = String(Math.abs(Math.trunc(value))).padStart(digits + 1, "0");
  const whole = text.slice(0, text.length - digits);
  let fraction = text.slice(text.length - digits);
  while (fraction.length > keep && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}
