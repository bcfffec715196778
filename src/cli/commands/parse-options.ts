/** Option parsers shared by the record and entry commands; each names its option in errors. */
import { parseIsoDate } from "../../domain/dates.js";
import { parseDuration } from "../../domain/duration.js";
import { ENTRY_STATUSES, isEntryStatus, type EntryStatus } from "../../domain/entries.js";
import { invalid } from "../../domain/errors.js";
import { parseBillable } from "../../domain/fields.js";
import { parseAmount, parsePercent, parseQuantity, parseRate } from "../../domain/money.js";
import { optionValue } from "../context.js";

export const dateOption = (name: string, value: string | undefined) =>
  value === undefined ? undefined : optionValue(name, value, (text) => parseIsoDate(text));
export const rateOption = (name: string, value: string | undefined) =>
  value === undefined ? undefined : optionValue(name, value, parseRate);
export const percentOption = (name: string, value: string | undefined) =>
  value === undefined ? undefined : optionValue(name, value, parsePercent);
export const quantityOption = (name: string, value: string | undefined) =>
  value === undefined ? undefined : optionValue(name, value, parseQuantity);
export const durationOption = (name: string, value: string | undefined) =>
  value === undefined ? undefined : optionValue(name, value, parseDuration);
export const billableOption = (name: string, value: string | undefined) =>
  value === undefined ? undefined : optionValue(name, value, parseBillable);
export const amountOption = (name: string, value: string | undefined, minorDigits: number) =>
  value === undefined ? undefined : optionValue(name, value, (text) => parseAmount(text, minorDigits));

/** "a~b~c" lists (groups, clients), as firms write them in spreadsheets. */
export const listOption = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split("~")
        .map((item) => item.trim())
        .filter(Boolean);

export function statusOption(name: string, value: string): EntryStatus;
export function statusOption(name: string, value: string | undefined): EntryStatus | undefined;
export function statusOption(name: string, value: string | undefined): EntryStatus | undefined {
  if (value === undefined) return undefined;
  const status = value.trim().toLowerCase();
  if (!isEntryStatus(status))
    throw invalid(`--${name}: ${JSON.stringify(value)} is not one of ${ENTRY_STATUSES.join(", ")}`);
  return status;
}

export const statusListOption = (name: string, value: string | undefined): EntryStatus[] | undefined =>
  value === undefined ? undefined : value.split(",").map((item) => statusOption(name, item));

export function choiceOption<T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  const choice = value.trim().toLowerCase() as T;
  if (!choices.includes(choice))
    throw invalid(`--${name}: ${JSON.stringify(value)} must be one of ${choices.join(", ")}`);
  return choice;
}

export function positiveIntegerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1)
    throw invalid(`--${name}: ${JSON.stringify(value)} is not a positive whole number`);
  return Number(value);
}

export function wholeNumberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()))
    throw invalid(`--${name}: ${JSON.stringify(value)} is not a whole number (0 or more)`);
  return Number(value);
}
