/**
 * A role's rights as a grid: the objects of the access model down the side, the six actions
 * across. Read-only with ticks, or as checkboxes (each named "Object: action") to edit.
 */
import { Checkbox, Table, Text, Tooltip } from "@mantine/core";
import type { Grants } from "../api/roles";

/** The objects and actions of src/access/permissions.ts, in its order, in words. */
export const OBJECTS: { key: keyof Grants & string; label: string }[] = [
  { key: "settings", label: "Firm settings" },
  { key: "work_codes", label: "Work codes" },
  { key: "staff", label: "Staff" },
  { key: "staff_details", label: "Staff details" },
  { key: "staff_rates", label: "Staff rates" },
  { key: "staff_groups", label: "Staff groups" },
  { key: "contacts", label: "Contacts" },
  { key: "contact_details", label: "Contact details" },
  { key: "contact_groups", label: "Contact groups" },
  { key: "entities", label: "Clients" },
  { key: "entity_details", label: "Client details" },
  { key: "projects", label: "Projects" },
  { key: "files", label: "Files" },
  { key: "activities", label: "Activities" },
  { key: "time_entries", label: "Time entries" },
  { key: "expense_entries", label: "Expense entries" },
  { key: "reports", label: "Reports" },
  { key: "merge", label: "Merge" },
  { key: "accounting_transfer", label: "Accounting transfer" },
  { key: "roles", label: "Roles" },
  { key: "users", label: "Users" },
];

export const ACTIONS = [
  { key: "C", label: "Create", words: "create" },
  { key: "R", label: "Read", words: "read" },
  { key: "E", label: "Edit", words: "edit" },
  { key: "D", label: "Delete", words: "delete" },
  { key: "A", label: "Share any", words: "share any role" },
  { key: "S", label: "Share own", words: "share roles one holds" },
] as const;

export function RightsGrid({
  grants,
  onChange,
  caption,
}: {
  grants: Grants;
  /** Editable when given. */
  onChange?: (grants: Grants) => void;
  caption: string;
}) {
  const toggle = (object: keyof Grants & string, action: string, on: boolean) => {
    const current = grants[object] ?? "";
    const next = ACTIONS.map((a) => a.key)
      .filter((key) => (key === action ? on : current.includes(key)))
      .join("");
    onChange?.({ ...grants, [object]: next });
  };
  return (
    <Table striped withTableBorder verticalSpacing={4} horizontalSpacing={4} fz="sm">
      <Table.Caption style={{ captionSide: "top", textAlign: "left" }}>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">What</Table.Th>
          {ACTIONS.map((action) => (
            <Table.Th key={action.key} scope="col" ta="center">
              <Tooltip label={action.label}>
                <abbr title={action.label} style={{ textDecoration: "none" }}>
                  {action.key}
                </abbr>
              </Tooltip>
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {OBJECTS.map((object) => {
          const held = grants[object.key] ?? "";
          return (
            <Table.Tr key={object.key}>
              <Table.Th scope="row" fw={500}>
                {object.label}
              </Table.Th>
              {ACTIONS.map((action) => (
                <Table.Td key={action.key} ta="center">
                  {onChange ? (
                    <Checkbox
                      aria-label={`${object.label}: ${action.words}`}
                      checked={held.includes(action.key)}
                      onChange={(event) => toggle(object.key, action.key, event.currentTarget.checked)}
                      styles={{ body: { justifyContent: "center" } }}
                    />
                  ) : held.includes(action.key) ? (
                    <Text
                      component="span"
                      fw={700}
                      c="green.9"
                      aria-label={`${object.label}: may ${action.words}`}
                    >
                      ✓
                    </Text>
                  ) : (
                    <Text component="span" c="gray.7" aria-label={`${object.label}: may not ${action.words}`}>
                      ·
                    </Text>
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
