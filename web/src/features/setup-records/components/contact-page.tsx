/** One contact: name, details, company and clients; edit and delete. */
import { Anchor, Button, Group, Paper, Stack } from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { PageTitle } from "../../../components/page-title";
import { mayDo, useMe } from "../../../lib/me";
import { clientLabel, useClient } from "../../../lib/records";
import { useCompany, useContact, useContactChanges } from "../api/contacts";
import { ContactForm } from "./contact-form";
import { BackLink, ErrorAlert, Fields, setupPath } from "./setup-parts";
import { ConfirmButton } from "../../../components/confirm-button";

function ClientLink({ id }: { id: string }) {
  const client = useClient(id);
  return (
    <Anchor component={Link} to={setupPath(`clients/${id}`)}>
      {clientLabel(client.data)}
    </Anchor>
  );
}

export function ContactPage({ id }: { id: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const contact = useContact(id);
  const company = useCompany(contact.data?.contactCompanyId);
  const { remove } = useContactChanges();
  const [editing, setEditing] = useState(false);
  if (contact.error) return <ErrorAlert error={contact.error} />;
  if (!contact.data) return null;
  const current = contact.data;
  const name = `${current.firstName} ${current.lastName}`;
  return (
    <Stack>
      <BackLink to={setupPath("contacts")}>Contacts</BackLink>
      <PageTitle
        title={name}
        subtitle="Contact"
        actions={
          editing ? null : (
            <>
              {/* Inviting and portal access live with the people setup (features/setup-people). */}
              {mayDo(me, "users", "R", "firm") || mayDo(me, "contacts", "E", "firm") ? (
                <Button component={Link} to={`/setup/contacts/${id}/portal`} variant="default">
                  Portal access
                </Button>
              ) : null}
              {mayDo(me, "contacts", "E", "firm") ? (
                <Button onClick={() => setEditing(true)}>Edit</Button>
              ) : null}
              {mayDo(me, "contacts", "D", "firm") ? (
                <ConfirmButton
                  label="Delete"
                  name={`Delete contact ${name}`}
                  question={`Delete ${name}? Their portal access ends with them.`}
                  confirmLabel="Delete the contact"
                  onConfirm={async () => {
                    await remove.mutateAsync(id);
                    await navigate({ to: setupPath("contacts") });
                  }}
                />
              ) : null}
            </>
          )
        }
      />
      <Paper withBorder p="md">
        {editing ? (
          <ContactForm
            contact={current}
            onSaved={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <Fields
            items={[
              ["First name", current.firstName],
              ["Last name", current.lastName],
              ...(current.email === undefined
                ? []
                : ([
                    ["Email", current.email ?? ""],
                    ["Work phone", current.workPhone ?? ""],
                    ["Mobile phone", current.mobilePhone ?? ""],
                  ] as [string, string][])),
              [
                "Contact company",
                current.contactCompanyId ? (
                  <Anchor
                    key="company"
                    component={Link}
                    to={setupPath(`contact-companies/${current.contactCompanyId}`)}
                  >
                    {company.data?.name ?? "…"}
                  </Anchor>
                ) : (
                  ""
                ),
              ],
              [
                "Clients",
                current.clientIds.length ? (
                  <Group key="clients" gap="sm" component="span">
                    {current.clientIds.map((clientId) => (
                      <ClientLink key={clientId} id={clientId} />
                    ))}
                  </Group>
                ) : (
                  ""
                ),
              ],
            ]}
          />
        )}
      </Paper>
    </Stack>
  );
}
