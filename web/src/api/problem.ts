/**
 * The server's errors (RFC 9457 problem+json with a stable `code`) as the web app sees them, and
 * where on a form each belongs: a schema failure names the field in `issues[].path`; a service
 * error may name it in `field`, or through the one input it is about (`code`, `email`, `name`).
 */
export interface ProblemIssue {
  path: string;
  message: string;
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly issues: ProblemIssue[];
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>) {
    const detail = typeof body.detail === "string" ? body.detail : `the server answered ${status}`;
    super(detail);
    this.name = "ApiProblem";
    this.status = status;
    this.code = typeof body.code === "string" ? body.code : status >= 500 ? "INTERNAL" : "UNKNOWN";
    this.detail = detail;
    this.issues = Array.isArray(body.issues) ? (body.issues as ProblemIssue[]) : [];
    this.body = body;
  }

  /** The request never reached the server, or its answer never came back. */
  static offline(): ApiProblem {
    return new ApiProblem(0, {
      code: "NETWORK",
      detail: "the server could not be reached; check the connection",
    });
  }
}

const FIELD_HINTS = ["field", "code", "email", "name", "number", "date"] as const;

/**
 * The field among `fields` a dotted path names: the whole path when the form has a field by that
 * name (a list's `items.2.title`), else its nearest named segment (`body.reminders.everyDays` →
 * `everyDays`, `items.2.fileId` → `items`).
 */
function fieldOfPath(path: string, fields: readonly string[]): string | null {
  const plain = path.replace(/^body\./, "");
  if (fields.includes(plain)) return plain;
  const segments = plain.split(".").filter(Boolean);
  return [...segments].reverse().find((segment) => fields.includes(segment)) ?? null;
}

/**
 * The form field a problem is about, among `fields` (the form's own names, list fields as
 * `items.2.title`), or null when it is about the form as a whole. `body.foo.bar` paths and
 * camelCase names both match.
 */
export function problemField(problem: ApiProblem, fields: readonly string[]): string | null {
  for (const issue of problem.issues) {
    const match = fieldOfPath(issue.path, fields);
    if (match) return match;
  }
  const named = problem.body.field;
  const match = typeof named === "string" ? fieldOfPath(named, fields) : null;
  if (match) return match;
  for (const hint of FIELD_HINTS) if (hint in problem.body && fields.includes(hint)) return hint;
  return null;
}

/** Words for a person: the server's detail, with a first capital letter. */
export function problemText(problem: unknown): string {
  if (problem instanceof ApiProblem) {
    const issue = problem.issues[0];
    const text = problem.code === "VALIDATION" && issue ? issue.message : problem.detail;
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  return "Something went wrong. Try again.";
}
