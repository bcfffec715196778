/**
 * What every paged list shares in SQL: the readable-set filter, case-insensitive search, a sort
 * that always ends on a unique column, LIMIT/OFFSET, and the total by a COUNT query. A list reads
 * at most one page of rows, whatever the size of the firm (list-query.test.ts counts them).
 */
import { sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from "kysely";

/** The sorts of a list of named records (groups, companies): by name or by age. */
export const NAME_SORTS = ["name", "createdAt"] as const;
export type NameSort = (typeof NAME_SORTS)[number];

/** A page of rows and how many rows match the filter in all. */
export interface RowPage<T> {
  items: T[];
  total: number;
}

/** A sort key, or `-key` for descending. */
export type Sort<K extends string> = K | `-${K}`;

export interface PageRequest<K extends string> {
  limit: number;
  offset: number;
  sort: Sort<K>;
}

/** Which rows of an id column the caller may read: every one, or only these ids. */
export type ReadableIds = "all" | ReadonlySet<string> | readonly string[];

export function sortDirection<K extends string>(sort: Sort<K>): { key: K; direction: "asc" | "desc" } {
  return sort.startsWith("-")
    ? { key: sort.slice(1) as K, direction: "desc" }
    : { key: sort as K, direction: "asc" };
}

/** Every value a `sort` parameter takes for these keys: each key, then each descending. */
export const sortValues = <K extends string>(keys: readonly [K, ...K[]]): [Sort<K>, ...Sort<K>[]] => [
  ...keys,
  ...keys.map((key) => `-${key}` as const),
];

/** `%text%` for LIKE, lower-cased, with LIKE's own wildcards matched literally. */
export const containsPattern = (text: string): string =>
  `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Case-insensitive "contains" on any of `columns` (qualified or bare names). Both engines
 * take ESCAPE; SQLite's LIKE and lower() fold ASCII only, PostgreSQL's lower() folds Unicode.
 */
export function containsText<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  columns: readonly string[],
  text: string,
): Expression<SqlBool> {
  const pattern = containsPattern(text);
  return eb.or(columns.map((column) => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`));
}

/** Exact, case-insensitive equality for codes (stored upper-case, so the index on the column serves it). */
export const sameCode = (code: string): string => code.trim().toUpperCase();

/** `column IN (ids)`, or nothing when every row is readable; an empty set matches no row (1 = 0). */
export function readableBy<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  readable: Exclude<ReadableIds, "all">,
): Expression<SqlBool> {
  const ids = [...readable];
  return ids.length === 0 ? eb.or([]) : eb(sql.ref(column), "in", ids);
}

/** The number of rows `query` matches, by one COUNT query (its order and paging dropped). */
export async function countRows<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
): Promise<number> {
  const row = await query
    .clearSelect()
    .clearOrderBy()
    .clearLimit()
    .clearOffset()
    .select(sql<number | string>`count(*)`.as("n"))
    .executeTakeFirstOrThrow();
  return Number((row as { n: number | string }).n);
}

/**
 * One page of `query` in the order of `orderBy` (expressions, each followed by the request's
 * direction, the last of them unique so pages never overlap or skip a row), and the total.
 */
export async function pageOf<DB, TB extends keyof DB, O, T>(
  query: SelectQueryBuilder<DB, TB, O>,
  request: { limit: number; offset: number },
  orderBy: readonly { expression: Expression<unknown>; direction: "asc" | "desc" }[],
  map: (row: O) => T,
): Promise<RowPage<T>> {
  let ordered = query;
  for (const { expression, direction } of orderBy) ordered = ordered.orderBy(expression, direction);
  const rows = await ordered.limit(request.limit).offset(request.offset).execute();
  // A page that starts at 0 and is not full holds every match: no count needed.
  const total = request.offset === 0 && rows.length < request.limit ? rows.length : await countRows(query);
  return { items: rows.map(map), total };
}

/**
 * Order expressions for a sort: the key's own columns, then the tie-breaker, all in its
 * direction. A key in `uniqueKeys` (a code unique in the firm) is its own tie-breaker, so the
 * unique index on (firm_id, code) serves the order alone on both engines.
 */
export function orderFor<K extends string>(
  sort: Sort<K>,
  columns: Record<K, readonly Expression<unknown>[]>,
  tieBreaker: Expression<unknown>,
  uniqueKeys: readonly K[] = [],
): { expression: Expression<unknown>; direction: "asc" | "desc" }[] {
  const { key, direction } = sortDirection(sort);
  const expressions = uniqueKeys.includes(key) ? columns[key] : [...columns[key], tieBreaker];
  return expressions.map((expression) => ({ expression, direction }));
}

/** `lower(column)`, for sorting names as people read them on both engines. */
export const lowerOf = (column: string): Expression<string> => sql<string>`lower(${sql.ref(column)})`;

/** A column as an order expression. */
export const col = (column: string): Expression<unknown> => sql.ref(column);
