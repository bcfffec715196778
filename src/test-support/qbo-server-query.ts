/**
 * The QuickBooks Online query language, as much of it as node-quickbooks sends and the test
 * server answers: `select * | count(*) from <entity> [where <field> <op> <value> [and ...]]
 * [orderby <field> [asc|desc]] [startposition n] [maxresults n]`, entity names in any case,
 * `=`, `<`, `>`, `<=`, `>=`, `in (...)` and `like` on dotted fields (MetaData.LastUpdatedTime).
 * Also the fault every part of the server throws, as QuickBooks words it.
 */

/** A QuickBooks fault: HTTP status, Intuit's code, its message and detail. */
export class Fault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail = message,
  ) {
    super(message);
  }
}

/** A scalar field as text ("" for anything else). */
export const text = (value: unknown): string =>
  typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : "";

export interface Condition {
  field: string;
  op: string;
  value: unknown;
}

export interface ParsedQuery<E extends string> {
  entity: E;
  count: boolean;
  conditions: Condition[];
  /** 1-based, as STARTPOSITION. */
  start: number;
  /** MAXRESULTS, at most 1,000 (QuickBooks' own ceiling); 100 when not given. */
  max: number;
}

const parseError = (detail: string) => new Fault(400, "4000", "Error parsing query", detail);

const QUERY =
  /^\s*select\s+(\*|count\(\*\))\s+from\s+(\w+)(?:\s+where\s+(.+?))?(?:\s+orderby\s+[\w.]+(?:\s+(?:asc|desc))?)?(?:\s+startposition\s+(\d+))?(?:\s+maxresults\s+(\d+))?\s*$/is;

export function parseQuery<E extends string>(query: string, entities: readonly E[]): ParsedQuery<E> {
  const match = QUERY.exec(query);
  if (!match) throw parseError(query);
  const entity = entities.find((each) => each.toLowerCase() === match[2]!.toLowerCase());
  if (!entity) throw parseError(`unknown entity ${match[2]}`);
  const conditions = (match[3] ?? "")
    .split(/\s+and\s+/i)
    .filter((part) => part.trim())
    .map(parseCondition);
  return {
    entity,
    count: match[1] !== "*",
    conditions,
    start: Number(match[4] ?? "1"),
    max: Math.min(Number(match[5] ?? "100"), 1000),
  };
}

function parseCondition(part: string): Condition {
  const condition = /^\s*([\w.]+)\s*(=|<=|>=|<|>|in|like)\s*(.+?)\s*$/is.exec(part);
  if (!condition) throw parseError(part);
  const op = condition[2]!.toLowerCase();
  const value =
    op === "in"
      ? condition[3]!
          .replace(/^\(|\)$/g, "")
          .split(",")
          .map(literal)
      : literal(condition[3]!);
  return { field: condition[1]!, op, value };
}

function literal(source: string): unknown {
  const trimmed = source.trim();
  if (/^'.*'$/s.test(trimmed)) return trimmed.slice(1, -1).replace(/\\'/g, "'");
  if (/^true$/i.test(trimmed)) return true;
  if (/^false$/i.test(trimmed)) return false;
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return trimmed;
  throw parseError(`unknown value ${trimmed}`);
}

/** Whether a record meets every condition (field names in any case, as QuickBooks allows). */
export function matches(record: Record<string, unknown>, conditions: readonly Condition[]): boolean {
  return conditions.every((condition) => {
    const left = fieldOf(record, condition.field);
    return condition.op === "in"
      ? (condition.value as unknown[]).some((value) => compare(left, "=", value))
      : compare(left, condition.op, condition.value);
  });
}

function fieldOf(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split(".")) {
    const found = Object.keys(value ?? {}).find((k) => k.toLowerCase() === part.toLowerCase());
    value = found === undefined ? undefined : (value as Record<string, unknown>)[found];
  }
  return value;
}

/** Timestamps compare as instants, whatever offset each was written with. */
const instant = (value: string) => (/^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN);

function compare(left: unknown, op: string, right: unknown): boolean {
  const a = typeof left === "boolean" ? left : text(left);
  const b = typeof right === "boolean" ? right : String(right);
  if (typeof a === "string" && typeof b === "string" && op !== "like") {
    const [x, y] = [instant(a), instant(b)];
    if (!Number.isNaN(x) && !Number.isNaN(y)) return compareOrdered(x, op, y);
  }
  if (op === "=")
    return typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b;
  if (op === "like") {
    const pattern = String(b)
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace(/%/g, ".*");
    return new RegExp(`^${pattern}$`, "i").test(String(a));
  }
  return compareOrdered(String(a), op, String(b));
}

function compareOrdered<T extends number | string>(a: T, op: string, b: T): boolean {
  switch (op) {
    case "=":
      return a === b;
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "<=":
      return a <= b;
    case ">=":
      return a >= b;
    default:
      throw parseError(`operator ${op}`);
  }
}
