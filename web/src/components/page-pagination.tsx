/** Pages of a long list, each control named for screen readers (the arrows have no words). */
import { Pagination } from "@mantine/core";

const CONTROL_NAMES = {
  first: "First page",
  previous: "Previous page",
  next: "Next page",
  last: "Last page",
};

export function PagePagination({
  total,
  page,
  onChange,
}: {
  total: number;
  /** Zero-based. */
  page: number;
  onChange: (page: number) => void;
}) {
  if (total <= 1) return null;
  return (
    <Pagination
      total={total}
      value={page + 1}
      onChange={(value) => onChange(value - 1)}
      getControlProps={(control) => ({ "aria-label": CONTROL_NAMES[control] })}
      getItemProps={(item) => ({ "aria-label": `Page ${item}` })}
    />
  );
}
