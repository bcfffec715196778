/**
 * A firm's long list, a page at a time from the server: search, sort and paging are the
 * server's (the page never holds the whole list). At desk size a table with sortable headers;
 * on a phone the same rows as cards, first column as the title, the rest as labelled lines.
 *
 * `useRecordList` keeps the list's search, sort and page; the caller's query passes them to the
 * API as `search`, `sort` (`key` or `-key`) and `limit`/`offset`.
 *
 * With `selection`, each row has a checkbox named after it and the page a "select all on this
 * page" box; the caller keeps the selected keys (and acts on them).
 */
import {
  Card,
  Checkbox,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import { useDebouncedValue, useMediaQuery } from "@mantine/hooks";
import { Link } from "@tanstack/react-router";
import { useState, type ReactNode } from "react";
import { PagePagination } from "./page-pagination";

export const PAGE_SIZE = 50;

/** How a column's two orders read in the phone's sort list. */
function sortWords(column: { numeric?: boolean; date?: boolean }) {
  if (column.date) return { ascending: "oldest first", descending: "newest first" };
  if (column.numeric) return { ascending: "low to high", descending: "high to low" };
  return { ascending: "A to Z", descending: "Z to A" };
}

export interface RecordColumn<T> {
  /** Also the server's sort key when `sortable`. */
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  sortable?: boolean;
  /** Right-aligned (amounts, hours). */
  numeric?: boolean;
  /** Dates: the phone's sort list says "oldest first" and "newest first". */
  date?: boolean;
}

export interface RecordListState {
  search: string;
  /** The search as sent (debounced while typing). */
  sentSearch: string;
  sort: string;
  page: number;
  setSearch: (search: string) => void;
  setSort: (sort: string) => void;
  setPage: (page: number) => void;
  /** limit/offset for the API. */
  limit: number;
  offset: number;
}

export function useRecordList(defaultSort: string, pageSize = PAGE_SIZE): RecordListState {
  const [search, setSearchText] = useState("");
  const [sentSearch] = useDebouncedValue(search.trim(), 250);
  const [sort, setSortKey] = useState(defaultSort);
  const [page, setPage] = useState(0);
  return {
    search,
    sentSearch,
    sort,
    page,
    setSearch: (text) => {
      setSearchText(text);
      setPage(0);
    },
    setSort: (next) => {
      setSortKey(next);
      setPage(0);
    },
    setPage,
    limit: pageSize,
    offset: page * pageSize,
  };
}

function SortHeader({
  column,
  sort,
  onSort,
}: {
  column: RecordColumn<never>;
  sort: string;
  onSort: (sort: string) => void;
}) {
  const ascending = sort === column.key;
  const descending = sort === `-${column.key}`;
  const next = ascending ? `-${column.key}` : column.key;
  return (
    <Table.Th
      aria-sort={ascending ? "ascending" : descending ? "descending" : "none"}
      style={column.numeric ? { textAlign: "right" } : undefined}
    >
      <UnstyledButton
        onClick={() => onSort(next)}
        fw={600}
        fz="sm"
        style={{ textDecoration: ascending || descending ? "underline" : undefined }}
      >
        {column.header} {ascending ? "↑" : descending ? "↓" : ""}
        <VisuallyHidden>
          {ascending ? ", sorted ascending; sort descending" : ", sort ascending"}
        </VisuallyHidden>
      </UnstyledButton>
    </Table.Th>
  );
}

export interface RowSelection<T> {
  /** The selected rows' keys (`rowKey`). */
  selected: readonly string[];
  onChange: (keys: string[]) => void;
  /** Names the row for its checkbox, e.g. "Jane Doe, 2 March, 1:30". */
  rowLabel: (row: T) => string;
}

function SelectAll<T>({
  rows,
  rowKey,
  selection,
  compact = false,
}: {
  rows: T[];
  rowKey: (row: T) => string;
  selection: RowSelection<T>;
  /** In a table's header: the words for screen readers only. */
  compact?: boolean;
}) {
  const keys = rows.map(rowKey);
  const chosen = keys.filter((key) => selection.selected.includes(key));
  const all = keys.length > 0 && chosen.length === keys.length;
  return (
    <Checkbox
      {...(compact ? { "aria-label": "Select all on this page" } : { label: "Select all on this page" })}
      checked={all}
      indeterminate={chosen.length > 0 && !all}
      disabled={keys.length === 0}
      onChange={() => selection.onChange(all ? [] : keys)}
    />
  );
}

function RowCheckbox<T>({
  row,
  rowKey,
  selection,
}: {
  row: T;
  rowKey: (row: T) => string;
  selection: RowSelection<T>;
}) {
  const key = rowKey(row);
  const checked = selection.selected.includes(key);
  return (
    <Checkbox
      aria-label={`Select ${selection.rowLabel(row)}`}
      checked={checked}
      onChange={() =>
        selection.onChange(
          checked ? selection.selected.filter((one) => one !== key) : [...selection.selected, key],
        )
      }
    />
  );
}

export function RecordTable<T>({
  label,
  columns,
  rows,
  total,
  rowKey,
  rowLink,
  state,
  loading,
  searchLabel,
  empty,
  toolbar,
  selection,
}: {
  /** What the list is, for screen readers (the table's caption). */
  label: string;
  columns: RecordColumn<T>[];
  rows: T[] | undefined;
  total: number | undefined;
  rowKey: (row: T) => string;
  /** Where a row leads (its first column becomes the link). */
  rowLink?: (row: T) => string;
  state: RecordListState;
  loading: boolean;
  /** The search box's label, e.g. "Search by code or name"; no box when absent. */
  searchLabel?: string;
  empty: string;
  /** Filters beside the search box. */
  toolbar?: ReactNode;
  /** A checkbox per row and "select all on this page". */
  selection?: RowSelection<T>;
}) {
  const phone = useMediaQuery("(max-width: 48em)");
  const sortable = columns.filter((column) => column.sortable);
  const pages = total === undefined ? 0 : Math.ceil(total / state.limit);
  const first = (row: T) => {
    const content = columns[0]!.render(row);
    return rowLink ? (
      <Link to={rowLink(row)} style={{ color: "var(--mantine-color-anchor)", fontWeight: 600 }}>
        {content}
      </Link>
    ) : (
      content
    );
  };

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        {searchLabel ? (
          <TextInput
            label={searchLabel}
            type="search"
            value={state.search}
            onChange={(event) => state.setSearch(event.currentTarget.value)}
            style={{ flex: "1 1 14rem", maxWidth: "24rem" }}
            rightSection={loading ? <Loader size="xs" aria-label="Searching" /> : null}
          />
        ) : null}
        {toolbar}
        {phone && sortable.length ? (
          // No headers to press on a phone: the same orders as a list to choose from.
          <Select
            label="Sort by"
            value={state.sort}
            allowDeselect={false}
            onChange={(value) => value && state.setSort(value)}
            data={sortable.flatMap((column) => [
              { value: column.key, label: `${column.header} (${sortWords(column).ascending})` },
              {
                value: `-${column.key}`,
                label: `${column.header} (${sortWords(column).descending})`,
              },
            ])}
            style={{ flex: "1 1 10rem", maxWidth: "16rem" }}
          />
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        {total === undefined ? "Loading…" : total === 1 ? "1 record" : `${total.toLocaleString()} records`}
      </Text>
      {rows && rows.length === 0 ? (
        <Text>{empty}</Text>
      ) : phone ? (
        <Stack gap="xs">
          {selection && rows ? <SelectAll rows={rows} rowKey={rowKey} selection={selection} /> : null}
          <Stack gap="xs" role="list" aria-label={label}>
            {(rows ?? []).map((row) => (
              <Card key={rowKey(row)} withBorder padding="sm" role="listitem">
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  {selection ? <RowCheckbox row={row} rowKey={rowKey} selection={selection} /> : null}
                  <Text fw={600}>{first(row)}</Text>
                </Group>
                {columns.slice(1).map((column) => (
                  <Group key={column.key} gap="xs" wrap="nowrap" justify="space-between">
                    <Text size="sm" c="dimmed">
                      {column.header}
                    </Text>
                    <Text size="sm" ta="right">
                      {column.render(row)}
                    </Text>
                  </Group>
                ))}
              </Card>
            ))}
          </Stack>
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped highlightOnHover stickyHeader verticalSpacing="xs">
            <Table.Caption style={{ captionSide: "top", textAlign: "left" }}>
              <VisuallyHidden>{label}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {selection && rows ? (
                  <Table.Th w={1}>
                    <SelectAll rows={rows} rowKey={rowKey} selection={selection} compact />
                  </Table.Th>
                ) : null}
                {columns.map((column) =>
                  column.sortable ? (
                    <SortHeader
                      key={column.key}
                      column={column as RecordColumn<never>}
                      sort={state.sort}
                      onSort={state.setSort}
                    />
                  ) : (
                    <Table.Th key={column.key} style={column.numeric ? { textAlign: "right" } : undefined}>
                      {column.header}
                    </Table.Th>
                  ),
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(rows ?? []).map((row) => (
                <Table.Tr key={rowKey(row)}>
                  {selection ? (
                    <Table.Td>
                      <RowCheckbox row={row} rowKey={rowKey} selection={selection} />
                    </Table.Td>
                  ) : null}
                  {columns.map((column, index) => (
                    <Table.Td key={column.key} style={column.numeric ? { textAlign: "right" } : undefined}>
                      {index === 0 ? first(row) : column.render(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PagePagination total={pages} page={state.page} onChange={state.setPage} />
    </Stack>
  );
}
