/**
 * Field rules for the firm's records, as pure functions. Each returns the normalised value
 * or throws a VALIDATION error naming the field.
 */
import { invalid } from "./errors.js";

/** PostgreSQL text cannot hold a NUL character; no field of ours has a use for one either. */
function assertNoNul(text: string, what: string): void {
  if (text.includes("\u0000")) throw invalid(`${what} may not contain a NUL character`);
}

/** Codes (client, work code, project) are case-insensitive: stored upper-cased and trimmed. */
export function normaliseCode(value: string, what: string, maxLength = 20): string {
  const code = value.trim().toUpperCase();
  if (!code) throw invalid(`${what} is required`);
  assertNoNul(code, what);
  if (code.length > maxLength)
    throw invalid(`${what} ${JSON.stringify(value)} is longer than ${maxLength} characters`);
  if (/[\s*?"~,]/.test(code)) {
    throw invalid(`${what} ${JSON.stringify(value)} may not contain spaces or any of * ? " ~ ,`);
  }
  return code;
}

/** Staff numbers: at most 10 characters, none of * ? " (CaseWare Time's rule). */
export function normaliseStaffNumber(value: string): string {
  return normaliseCode(value, "staff number", 10);
}

export function requireText(value: string | undefined | null, what: string, maxLength = 200): string {
  const text = (value ?? "").trim();
  if (!text) throw invalid(`${what} is required`);
  if (text.length > maxLength) throw invalid(`${what} is longer than ${maxLength} characters`);
  assertNoNul(text, what);
  return text;
}

export function optionalText(value: string | undefined | null, what: string, maxLength = 2000): string {
  const text = (value ?? "").trim();
  if (text.length > maxLength) throw invalid(`${what} is longer than ${maxLength} characters`);
  assertNoNul(text, what);
  return text;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Emails are compared case-insensitively: stored lower-cased. Empty means none. */
export function normaliseEmail(value: string | undefined | null): string | null {
  const email = (value ?? "").trim().toLowerCase();
  if (!email) return null;
  assertNoNul(email, "email");
  if (email.length > 254 || !EMAIL.test(email))
    throw invalid(`email ${JSON.stringify(value)} is not an email address`);
  return email;
}

export function normaliseCurrency(value: string): { currency: string; minorDigits: number } {
  const currency = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency) || !Intl.supportedValuesOf("currency").includes(currency)) {
    throw invalid(`currency ${JSON.stringify(value)} is not an ISO 4217 code (e.g. USD, CAD, EUR)`);
  }
  const minorDigits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
    .maximumFractionDigits;
  return { currency, minorDigits: minorDigits ?? 2 };
}

/** B / NB / billable / non-billable / yes / no / true / false into a boolean. */
export function parseBillable(value: string): boolean {
  const text = value.trim().toLowerCase();
  if (["b", "billable", "yes", "y", "true", "1"].includes(text)) return true;
  if (["nb", "non-billable", "nonbillable", "no", "n", "false", "0"].includes(text)) return false;
  throw invalid(`billable ${JSON.stringify(value)} must be B or NB`);
}
