/** The firm's contacts, a page at a time, optionally of one contact company. */
import { Button, Stack } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { PageTitle } from "../../../components/page-title";
import { RecordTable, useRecordList, type RecordColumn } from "../../../components/record-table";
import { mayDo, useMe } from "../../../lib/me";
import { useContactList } from "../api/contacts";
import type { Contact } from "../api/types";
import { CompanyPicker } from "./pickers";
import { ReadOnlyNote, setupPath } from "./setup-parts";

export const contactColumns: RecordColumn<Contact>[] = [
  { key: "lastName", header: "Name", render: (contact) => `${contact.lastName}, ${contact.firstName}` },
  { key: "email", header: "Email", render: (contact) => contact.email ?? "—" },
  { key: "workPhone", header: "Work phone", render: (contact) => contact.workPhone || "—" },
];

export function ContactsPage() {
  const me = useMe();
  const list = useRecordList("lastName");
  const [companyId, setCompanyId] = useState<string | null>(null);
  const contacts = useContactList({
    contactCompanyId: companyId ?? undefined,
    limit: list.limit,
    offset: list.offset,
  });
  const mayAdd = mayDo(me, "contacts", "C", "firm");
  return (
    <Stack>
      <PageTitle
        title="Contacts"
        subtitle="People at the firm's clients"
        actions={
          mayAdd ? (
            <Button component={Link} to={setupPath("contacts/new")}>
              Add a contact
            </Button>
          ) : null
        }
      />
      {mayAdd ? null : <ReadOnlyNote>Your role does not let you add contacts.</ReadOnlyNote>}
      <RecordTable
        label="Contacts"
        columns={contactColumns}
        rows={contacts.data?.items}
        total={contacts.data?.total}
        rowKey={(contact) => contact.id}
        rowLink={(contact) => setupPath(`contacts/${contact.id}`)}
        state={list}
        loading={contacts.isFetching}
        empty="No contact matches."
        toolbar={
          <div style={{ flex: "1 1 14rem", maxWidth: "24rem" }}>
            <CompanyPicker
              label="At contact company"
              value={companyId}
              onChange={(id) => {
                setCompanyId(id);
                list.setPage(0);
              }}
            />
          </div>
        }
      />
    </Stack>
  );
}
