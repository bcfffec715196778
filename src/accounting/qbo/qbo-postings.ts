/**
 * Time and expense postings as QuickBooks Online batch items, and the check that what QuickBooks
 * stored is what we sent, to the cent.
 *
 * Money leaves as integers turned into decimal text by formatScaled (minor units with the
 * firm's digits; rates in ten-thousandths) and comes back through parseDecimal: the JSON number
 * on the wire is the only place it is not an integer, and no arithmetic happens on it.
 */
import { formatScaled, parseDecimal, RATE_SCALE, timeAmount } from "../../domain/money.js";
import type { ExpensePosting, TimePosting } from "../target.js";

/** QuickBooks' Description holds 4,000 characters. */
const DESCRIPTION_MAX = 4000;

/** A JSON number from exact decimal text: Number() of a short decimal prints back the same text. */
const wireNumber = (text: string): number => Number(text);

/** The decimal text QuickBooks answered with, as our integer at `scale`; null if it is not one. */
function scaledFromWire(value: unknown, scale: number): bigint | null {
  if (typeof value !== "number" && typeof value !== "string") return null;
  try {
    return parseDecimal(String(value), scale);
  } catch {
    return null;
  }
}

export interface BatchItem {
  bId: string;
  operation: "create";
  TimeActivity?: Record<string, unknown>;
  Purchase?: Record<string, unknown>;
}

/**
 * Refuses, before anything is sent, a time posting whose amount QuickBooks would not show:
 * QuickBooks computes a time activity's value from its hours and rate, so firmtime's amount must
 * be exactly that, rounded the same way, or the books and the time system disagree by a cent.
 */
export function timeAmountProblem(posting: TimePosting, minorDigits: number): string | null {
  const shown = timeAmount(posting.rate, posting.minutes, minorDigits);
  if (shown === posting.amount) return null;
  return (
    `QuickBooks Online would show ${formatScaled(shown, minorDigits)} for ${posting.minutes} minutes at ` +
    `${formatScaled(posting.rate, RATE_SCALE, 2)}, not firmtime's ${formatScaled(posting.amount, minorDigits)}`
  );
}

export function timeActivityItem(posting: TimePosting): BatchItem {
  const worker = posting.workerKind === "vendor" ? "Vendor" : "Employee";
  return {
    bId: posting.transferId,
    operation: "create",
    TimeActivity: {
      TxnDate: posting.date,
      NameOf: worker,
      [`${worker}Ref`]: { value: posting.workerExternalId },
      CustomerRef: { value: posting.customerExternalId },
      ...(posting.itemExternalId ? { ItemRef: { value: posting.itemExternalId } } : {}),
      Hours: Math.floor(posting.minutes / 60),
      Minutes: posting.minutes % 60,
      // Sent for unbillable time too: QuickBooks shows its value, which must equal firmtime's.
      HourlyRate: wireNumber(formatScaled(posting.rate, RATE_SCALE, 2)),
      BillableStatus: posting.billable ? "Billable" : "NotBillable",
      Description: posting.description.slice(0, DESCRIPTION_MAX),
    },
  };
}

export function purchaseItem(posting: ExpensePosting, bankAccountId: string, minorDigits: number): BatchItem {
  const description = posting.description.slice(0, DESCRIPTION_MAX);
  return {
    bId: posting.transferId,
    operation: "create",
    Purchase: {
      TxnDate: posting.date,
      PaymentType: "Cash",
      AccountRef: { value: bankAccountId },
      EntityRef: {
        value: posting.payeeExternalId,
        type: posting.payeeKind === "vendor" ? "Vendor" : "Employee",
      },
      PrivateNote: description,
      Line: [
        {
          Amount: wireNumber(formatScaled(posting.amount, minorDigits)),
          DetailType: "AccountBasedExpenseLineDetail",
          Description: description,
          AccountBasedExpenseLineDetail: {
            AccountRef: { value: posting.accountExternalId },
            CustomerRef: { value: posting.customerExternalId },
            BillableStatus: posting.billable ? "Billable" : "NotBillable",
          },
        },
      ],
    },
  };
}

/** What differs between the time activity QuickBooks stored and the posting; null when nothing. */
export function timeEchoProblem(stored: Record<string, unknown>, posting: TimePosting): string | null {
  const minutes = Number(stored.Hours ?? 0) * 60 + Number(stored.Minutes ?? 0);
  if (minutes !== posting.minutes)
    return `QuickBooks Online stored ${minutes} minutes, not ${posting.minutes}`;
  // Unbillable time may come back without its rate (QuickBooks may keep it for billable time
  // only); there is then no value in the books to disagree with ours.
  if (!posting.billable && stored.HourlyRate === undefined) return null;
  const rate = scaledFromWire(stored.HourlyRate, RATE_SCALE);
  if (rate !== BigInt(posting.rate))
    return `QuickBooks Online stored the rate ${String(stored.HourlyRate)}, not ${formatScaled(posting.rate, RATE_SCALE, 2)}`;
  return null;
}

/** What differs between the purchase QuickBooks stored and the posting; null when nothing. */
export function purchaseEchoProblem(
  stored: Record<string, unknown>,
  posting: ExpensePosting,
  minorDigits: number,
): string | null {
  const expected = BigInt(posting.amount);
  const sent = formatScaled(posting.amount, minorDigits);
  const total = scaledFromWire(stored.TotalAmt, minorDigits);
  if (total !== expected) return `QuickBooks Online stored ${String(stored.TotalAmt)}, not ${sent}`;
  const lines = Array.isArray(stored.Line) ? (stored.Line as { Amount?: unknown }[]) : [];
  const line = scaledFromWire(lines[0]?.Amount, minorDigits);
  if (line !== expected) return `QuickBooks Online stored a line of ${String(lines[0]?.Amount)}, not ${sent}`;
  return null;
}
