/** Choosing a contact company, a staff member or several clients on the setup forms. */
import { MultiSelect, Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { useFirm } from "../../../lib/firm-context";
import { clientLabel, clientQuery, useClientSearch } from "../../../lib/records";
import { useCompanyList } from "../api/contacts";
import { staffLabel, useActiveStaff } from "../api/staff";

interface PickerProps {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string | undefined;
}

export function CompanyPicker({ label, value, onChange, error }: PickerProps) {
  // A firm's contact companies, by name: the first 500 (the list route has no search yet).
  const companies = useCompanyList({ limit: 500, offset: 0 });
  return (
    <Select
      label={label}
      placeholder="None"
      searchable
      clearable
      value={value}
      onChange={onChange}
      data={(companies.data?.items ?? []).map((company) => ({ value: company.id, label: company.name }))}
      nothingFoundMessage="No contact company matches"
      error={error}
    />
  );
}

export function StaffPicker({ label, value, onChange, error }: PickerProps) {
  const staff = useActiveStaff(true);
  return (
    <Select
      label={label}
      placeholder="None"
      searchable
      clearable
      value={value}
      onChange={onChange}
      data={(staff.data?.items ?? []).map((member) => ({ value: member.id, label: staffLabel(member) }))}
      nothingFoundMessage="No active staff member matches"
      error={error}
    />
  );
}

/** Clients searched on the server as the person types; the chosen ones keep their labels. */
export function ClientsPicker({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}) {
  const { api } = useFirm();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const found = useClientSearch(debounced);
  // The chosen clients, each read by id (cached), so they keep their labels whatever the search.
  const chosen = useQueries({ queries: value.map((id) => clientQuery(api, id)) });
  const options = new Map<string, string>();
  for (const [index, id] of value.entries()) options.set(id, clientLabel(chosen[index]?.data));
  for (const client of found.data?.items ?? []) options.set(client.id, clientLabel(client));
  return (
    <MultiSelect
      label="Clients"
      placeholder={value.length ? undefined : "Type a code or name"}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      value={value}
      onChange={onChange}
      data={[...options].map(([id, label]) => ({ value: id, label }))}
      filter={({ options: all }) => all}
      nothingFoundMessage={found.isFetching ? "Looking…" : "No active client matches"}
      error={error}
    />
  );
}
