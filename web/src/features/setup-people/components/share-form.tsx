/**
 * Giving a role on a client: to a staff member, a staff group, a contact (their portal account)
 * or a contact group. Staff get the staff roles, contacts the contact roles (Entity Access,
 * Entity Collaborator): the server refuses the other mix, so the form never offers it.
 */
import { Button, Group, Radio, Select, Stack } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import { mayDo, useMe } from "../../../lib/me";
import { useContactGroups } from "../api/contact-groups";
import { contactName, useContactRecords } from "../api/contacts";
import { useRoles, type Role } from "../api/roles";
import { useSharingChanges, type NewAssignment } from "../api/sharing";
import { useStaffGroups } from "../api/staff-groups";
import { useUsersPage } from "../api/users";
import { notifyDone } from "./notify-done";

type Recipient = "staff" | "staff_group" | "contact" | "contact_group";

const RECIPIENTS: { value: Recipient; label: string; field: string; choose: string }[] = [
  { value: "staff", label: "A staff member", field: "Person", choose: "Choose the person" },
  { value: "staff_group", label: "A staff group", field: "Staff group", choose: "Choose the group" },
  { value: "contact", label: "A contact", field: "Contact", choose: "Choose the contact" },
  { value: "contact_group", label: "A contact group", field: "Contact group", choose: "Choose the group" },
];

const PRINCIPAL_KIND: Record<Recipient, NewAssignment["principalKind"]> = {
  staff: "user",
  staff_group: "staff_group",
  contact: "user",
  contact_group: "contact_group",
};

const forContacts = (recipient: Recipient) => recipient === "contact" || recipient === "contact_group";
const isContactRole = (role: Role) => role.builtIn && role.name.startsWith("Contact");

/** The roles that fit the recipient and a client: contact roles for contacts, the others for staff. */
function rolesFor(roles: readonly Role[], recipient: Recipient): Role[] {
  const onEntity = roles.filter((role) => role.scopes.includes("entity"));
  return forContacts(recipient)
    ? onEntity.filter(isContactRole)
    : onEntity.filter((role) => !isContactRole(role));
}

/**
 * The people or groups to choose from. Accounts are searched on the server (20 at a time), invited
 * ones too: a firm shares a client with someone before they first sign in. Groups are few.
 */
function usePrincipalOptions(recipient: Recipient, search: string) {
  const me = useMe();
  const kind = recipient === "contact" ? "contact" : "staff";
  const wantsUsers = recipient === "staff" || recipient === "contact";
  const users = useUsersPage(
    { status: undefined, search, sort: "email", limit: 20, offset: 0, kind },
    wantsUsers,
  );
  const accounts = wantsUsers
    ? (users.data?.items ?? []).filter((user) => user.id !== me?.id && user.status !== "disabled")
    : [];
  // Their names, for whoever may read contacts; the email alone otherwise.
  const namesContacts = recipient === "contact" && mayDo(me, "contacts", "R", "firm");
  const contacts = useContactRecords(
    namesContacts ? accounts.flatMap((user) => (user.contactId ? [user.contactId] : [])) : [],
  );
  const staffGroups = useStaffGroups(recipient === "staff_group" && mayDo(me, "staff_groups", "R", "firm"));
  const contactGroups = useContactGroups(
    recipient === "contact_group" && mayDo(me, "contact_groups", "R", "firm"),
  );
  const names = new Map(
    contacts.flatMap((found) => (found.data ? [[found.data.id, contactName(found.data)]] : [])),
  );
  switch (recipient) {
    case "staff":
    case "contact":
      return {
        fetching: users.isFetching,
        options: accounts.map((user) => {
          const name = user.contactId ? names.get(user.contactId) : undefined;
          const label = name ? `${name} · ${user.email}` : user.email;
          return { value: user.id, label: user.status === "invited" ? `${label} (invited)` : label };
        }),
      };
    case "staff_group":
      return {
        fetching: staffGroups.isFetching,
        options: (staffGroups.data?.items ?? []).map((group) => ({ value: group.id, label: group.name })),
      };
    case "contact_group":
      return {
        fetching: contactGroups.isFetching,
        options: (contactGroups.data?.items ?? []).map((group) => ({ value: group.id, label: group.name })),
      };
  }
}

export function ShareForm({ clientId }: { clientId: string }) {
  const roles = useRoles();
  const [recipient, setRecipient] = useState<Recipient>("staff");
  const [typed, setTyped] = useState("");
  const [search] = useDebouncedValue(typed.trim(), 200);
  const principals = usePrincipalOptions(recipient, search);
  const [principalId, setPrincipalId] = useState<string | null>(null);
  const [roleId, setRoleId] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ principal?: string; role?: string; form?: string }>({});
  const { grant } = useSharingChanges();
  const shown = RECIPIENTS.find((one) => one.value === recipient)!;
  const searchesServer = recipient === "staff" || recipient === "contact";
  const submit = async () => {
    const found: typeof errors = {};
    if (!principalId) found.principal = shown.choose;
    if (!roleId) found.role = "Choose the role";
    setErrors(found);
    if (!principalId || !roleId) return;
    try {
      const body = {
        roleId,
        principalKind: PRINCIPAL_KIND[recipient],
        principalId,
        scope: "entity" as const,
      };
      await grant.mutateAsync({ ...body, entityId: clientId });
      setPrincipalId(null);
      setRoleId(null);
      setTyped("");
      notifyDone("The role is given.");
    } catch (error) {
      setErrors({ form: problemText(error) });
    }
  };
  return (
    <Stack gap="sm">
      <Radio.Group
        label="Give a role to"
        value={recipient}
        onChange={(value) => {
          setRecipient(value);
          setPrincipalId(null);
          setRoleId(null);
          setTyped("");
          setErrors({});
        }}
      >
        <Group gap="md" mt={4}>
          {RECIPIENTS.map((one) => (
            <Radio key={one.value} value={one.value} label={one.label} />
          ))}
        </Group>
      </Radio.Group>
      <Group align="flex-start" gap="sm">
        <Select
          label={shown.field}
          placeholder={searchesServer ? "Type an email" : "Choose"}
          searchable
          searchValue={typed}
          onSearchChange={setTyped}
          // Accounts are searched on the server already; groups are filtered here.
          filter={searchesServer ? ({ options }) => options : undefined}
          nothingFoundMessage={principals.fetching ? "Looking…" : "Nobody matches"}
          data={principals.options}
          value={principalId}
          onChange={setPrincipalId}
          error={errors.principal}
          style={{ flex: "1 1 14rem", maxWidth: "22rem" }}
        />
        <Select
          label="Role"
          data={rolesFor(roles.data?.items ?? [], recipient).map((role) => ({
            value: role.id,
            label: role.name,
          }))}
          value={roleId}
          onChange={setRoleId}
          error={errors.role}
          style={{ flex: "1 1 10rem", maxWidth: "16rem" }}
        />
        <Button onClick={() => void submit()} loading={grant.isPending} mt={{ base: 0, xs: 25 }}>
          Give the role
        </Button>
      </Group>
      <FormAlert message={errors.form} />
    </Stack>
  );
}
