/**
 * The one catalogue of errors a user can cause. Each has a stable `code` (used by the CLI's
 * one-line message, and later by HTTP problem+json responses) and an HTTP status.
 */
export const ERROR_CATALOGUE = {
  VALIDATION: { status: 400, title: "Invalid input" },
  NOT_FOUND: { status: 404, title: "Not found" },
  DUPLICATE: { status: 409, title: "Already exists" },
  IN_USE: { status: 409, title: "Still in use" },
  REFERENCE: { status: 422, title: "Refers to a record that does not exist" },
  ID_TAKEN: { status: 409, title: "Id not available" },
  WORK_CODE_KIND_MISMATCH: { status: 422, title: "Wrong kind of work code" },
  BEFORE_LOCK_DATE: { status: 422, title: "Dated on or before the lock date" },
  ENTRY_LOCKED: { status: 409, title: "Entry is locked" },
  STATUS_TRANSITION: { status: 409, title: "Status change not allowed" },
  INACTIVE: { status: 422, title: "Inactive record" },
  TIMER_RUNNING: { status: 409, title: "A timer is already running" },
  TIMER_FORGOTTEN: { status: 422, title: "Forgotten timer needs its real duration" },
  RATE_HISTORICAL: { status: 409, title: "Historical rate" },
  IMPORT_INVALID: { status: 422, title: "Import has bad rows" },
  FILE_NOT_FOUND: { status: 404, title: "Firm file not found" },
  NOT_A_FIRM_FILE: { status: 400, title: "Not a firmtime file" },
  FILE_EXISTS: { status: 409, title: "File already exists" },
  FIRM_FILE_NEWER: { status: 409, title: "Firm file needs a newer firmtime" },
  UNAUTHENTICATED: { status: 401, title: "Sign in required" },
  FORBIDDEN: { status: 403, title: "Not allowed" },
  CSRF: { status: 403, title: "Missing or wrong CSRF token" },
  RATE_LIMITED: { status: 429, title: "Too many attempts" },
  TWO_FACTOR_REQUIRED: { status: 409, title: "Two-factor sign-in required" },
  LINK_INVALID: { status: 410, title: "Link expired or already used" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "Request too large" },
  FILE_TYPE_NOT_ALLOWED: { status: 415, title: "File type not accepted" },
  CLOCK_SKEW: { status: 409, title: "Clocks disagree" },
  UPGRADE_REQUIRED: { status: 409, title: "Upgrade required" },
  REPLICA_COPY: { status: 409, title: "A copy of another desktop file" },
  NOT_INTEGRATED: { status: 409, title: "File not integrated" },
  ALREADY_INTEGRATED: { status: 409, title: "Already integrated" },
  INTEGRATION_UNFINISHED: { status: 409, title: "Integration unfinished" },
  FILE_IDENTITY_LOCKED: { status: 409, title: "Integrated file's identity is fixed" },
  PREREQUISITES: { status: 422, title: "Prerequisites not met" },
  OFFLINE: { status: 503, title: "Cloud unreachable" },
  WORKING_OFFLINE: { status: 409, title: "Working offline by choice" },
  DESKTOP_ONLY: { status: 404, title: "Only on a desktop" },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** A problem in one row of a multi-row operation (imports), reported with its line number. */
export interface RowProblem {
  line: number;
  reason: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export const invalid = (message: string, details: Record<string, unknown> = {}): AppError =>
  new AppError("VALIDATION", message, details);

export const notFound = (what: string, key: string): AppError =>
  new AppError("NOT_FOUND", `${what} ${JSON.stringify(key)} does not exist`, { what, key });
