/** Plain-text tables for terminal output: columns padded, numbers right-aligned. */
export interface Column<T> {
  header: string;
  value: (row: T) => string;
  align?: "left" | "right";
}

export function renderTable<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((line) => line[index]!.length)),
  );
  const format = (values: string[]) =>
    values
      .map((value, index) =>
        columns[index]!.align === "right" ? value.padStart(widths[index]!) : value.padEnd(widths[index]!),
      )
      .join("  ")
      .trimEnd();
  const header = format(columns.map((column) => column.header));
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [header, rule, ...cells.map(format)].join("\n") + "\n";
}

/** One record as "field: value" lines. */
export function renderRecord(fields: Record<string, string>): string {
  const width = Math.max(...Object.keys(fields).map((key) => key.length));
  return (
    Object.entries(fields)
      .map(([key, value]) => `${(key + ":").padEnd(width + 1)} ${value}`)
      .join("\n") + "\n"
  );
}
