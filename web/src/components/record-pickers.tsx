/**
 * Choosing a client, a project of it, or a work code: searchable, keyboard-friendly selects that
 * ask the server as the person types (a large firm's list is never loaded whole).
 */
import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { mayDo, useMe } from "../lib/me";
import {
  clientLabel,
  useClient,
  useClientSearch,
  staffMemberLabel,
  useProjectsOf,
  useStaffMember,
  useStaffSearch,
  useWorkCodes,
  workCodeLabel,
} from "../lib/records";

interface PickerProps {
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string | undefined;
  label?: string;
  required?: boolean;
  /**
   * Inside a popover: the options open in place, not in a portal (a click on an option in a
   * portal would count as a click outside and close the popover).
   */
  inPopover?: boolean;
}

const comboboxProps = (inPopover: boolean | undefined) => (inPopover ? { withinPortal: false } : undefined);

export function ClientPicker({ value, onChange, error, label = "Client", required, inPopover }: PickerProps) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const found = useClientSearch(debounced);
  const chosen = useClient(value);
  const options = (found.data?.items ?? []).map((client) => ({
    value: client.id,
    label: clientLabel(client),
  }));
  if (chosen.data && !options.some((option) => option.value === chosen.data.id)) {
    options.unshift({ value: chosen.data.id, label: clientLabel(chosen.data) });
  }
  return (
    <Select
      label={label}
      comboboxProps={comboboxProps(inPopover)}
      placeholder="Type a code or name"
      searchable
      clearable={!required}
      required={required}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      data={options}
      filter={({ options: all }) => all}
      nothingFoundMessage={found.isFetching ? "Looking…" : "No active client matches"}
      error={error}
    />
  );
}

export function ProjectPicker({ clientId, ...props }: PickerProps & { clientId: string | null }) {
  // Someone who may read no project anywhere gets no project list to ask for.
  const mayReadProjects = mayDo(useMe(), "projects", "R");
  const projects = useProjectsOf(mayReadProjects ? clientId : null);
  const options = (projects.data?.items ?? []).map((project) => ({
    value: project.id,
    label: `${project.code} · ${project.name}`,
  }));
  return (
    <Select
      label={props.label ?? "Project"}
      comboboxProps={comboboxProps(props.inPopover)}
      placeholder={
        clientId ? (options.length ? "None" : "The client has no open project") : "Choose the client first"
      }
      clearable
      searchable
      disabled={!clientId || options.length === 0}
      value={props.value}
      onChange={props.onChange}
      data={options}
      error={props.error}
    />
  );
}

export function WorkCodePicker({ kind, ...props }: PickerProps & { kind: "time" | "expense" }) {
  const codes = useWorkCodes(kind);
  const options = (codes.data?.items ?? [])
    .filter((code) => code.active || code.id === props.value)
    .map((code) => ({ value: code.id, label: workCodeLabel(code) }));
  return (
    <Select
      label={props.label ?? "Work code"}
      comboboxProps={comboboxProps(props.inPopover)}
      placeholder="Choose"
      searchable
      required={props.required}
      value={props.value}
      onChange={props.onChange}
      data={options}
      nothingFoundMessage="No work code matches"
      error={props.error}
    />
  );
}

/** A staff member, searched on the server by number, name or email as the person types. */
export function StaffPicker({ value, onChange, error, label = "Staff member", required }: PickerProps) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const found = useStaffSearch(debounced);
  const chosen = useStaffMember(value);
  const options = (found.data?.items ?? []).map((member) => ({
    value: member.id,
    label: staffMemberLabel(member),
  }));
  if (chosen.data && !options.some((option) => option.value === chosen.data.id)) {
    options.unshift({ value: chosen.data.id, label: staffMemberLabel(chosen.data) });
  }
  return (
    <Select
      label={label}
      placeholder="Type a number or name"
      searchable
      clearable={!required}
      required={required}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      data={options}
      filter={({ options: all }) => all}
      nothingFoundMessage={found.isFetching ? "Looking…" : "No active staff member matches"}
      error={error}
    />
  );
}
