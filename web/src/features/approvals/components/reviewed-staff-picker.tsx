/**
 * Filtering by staff member on the approvals page: the people whose submitted entries the
 * reviewer may see (GET /entry-staff), searched as they type. The shared StaffPicker searches
 * the staff list, which a client's manager may not read.
 */
import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useReviewedStaff, type EntryStaff, type ReviewKind } from "../api/review-entries";

const label = (staff: EntryStaff) => `${staff.staffNumber} · ${staff.firstName} ${staff.lastName}`;

export function ReviewedStaffPicker({
  kind,
  value,
  onChange,
}: {
  kind: ReviewKind;
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const found = useReviewedStaff(kind, debounced);
  // The chosen one keeps its name while a search shows others.
  const [chosen, setChosen] = useState<EntryStaff | null>(null);
  const options = (found.data?.items ?? []).map((staff) => ({ value: staff.id, label: label(staff) }));
  if (chosen && value === chosen.id && !options.some((option) => option.value === chosen.id))
    options.unshift({ value: chosen.id, label: label(chosen) });
  return (
    <Select
      label="Staff member"
      placeholder="Type a number or name"
      searchable
      clearable
      value={value}
      onChange={(id) => {
        setChosen(found.data?.items.find((staff) => staff.id === id) ?? null);
        onChange(id);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      data={options}
      filter={({ options: all }) => all}
      nothingFoundMessage={found.isFetching ? "Looking…" : "No one with submitted entries matches"}
    />
  );
}
