/** Contact companies: the list, one company with its contacts, and its form. */
import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Group, Paper, Stack, TextInput, Textarea, Title } from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { RecordTable, useRecordList, type RecordColumn } from "../../../components/record-table";
import { showProblem } from "../../../lib/form-problems";
import { mayDo, useMe } from "../../../lib/me";
import { useCompany, useCompanyChanges, useCompanyList, useContactList } from "../api/contacts";
import type { ContactCompany, ContactCompanyQuery } from "../api/types";
import { contactColumns } from "./contacts-page";
import { BackLink, ErrorAlert, Fields, ReadOnlyNote, setupPath } from "./setup-parts";
import { ConfirmButton } from "../../../components/confirm-button";

const columns: RecordColumn<ContactCompany>[] = [
  { key: "name", header: "Name", render: (company) => company.name, sortable: true },
  { key: "address", header: "Address", render: (company) => company.address || "—" },
];

export function CompaniesPage() {
  const me = useMe();
  const list = useRecordList("name");
  const companies = useCompanyList({
    search: list.sentSearch || undefined,
    sort: list.sort as NonNullable<ContactCompanyQuery["sort"]>,
    limit: list.limit,
    offset: list.offset,
  });
  const mayAdd = mayDo(me, "contacts", "C", "firm");
  return (
    <Stack>
      <PageTitle
        title="Contact companies"
        subtitle="The organisations contacts work for"
        actions={
          mayAdd ? (
            <Button component={Link} to={setupPath("contact-companies/new")}>
              Add a contact company
            </Button>
          ) : null
        }
      />
      {mayAdd ? null : <ReadOnlyNote>Your role does not let you add contact companies.</ReadOnlyNote>}
      <RecordTable
        label="Contact companies"
        searchLabel="Search by name"
        columns={columns}
        rows={companies.data?.items}
        total={companies.data?.total}
        rowKey={(company) => company.id}
        rowLink={(company) => setupPath(`contact-companies/${company.id}`)}
        state={list}
        loading={companies.isFetching}
        empty="No contact company yet."
      />
    </Stack>
  );
}

const schema = z.object({
  name: z.string().trim().min(1, "Type the company's name").max(200, "At most 200 characters"),
  address: z.string().max(500, "At most 500 characters"),
});
type Values = z.infer<typeof schema>;

export function CompanyForm({
  company,
  onSaved,
  onCancel,
}: {
  company?: ContactCompany;
  onSaved: (company: ContactCompany) => void;
  onCancel: () => void;
}) {
  const { create, update } = useCompanyChanges();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { name: company?.name ?? "", address: company?.address ?? "" },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    try {
      onSaved(
        company
          ? await update.mutateAsync({ id: company.id, change: values })
          : await create.mutateAsync(values),
      );
    } catch (error) {
      showProblem(error, form.setError, ["name", "address"]);
    }
  });
  return (
    <form
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={company ? "Change the company" : "New contact company"}
    >
      <Stack>
        <TextInput label="Name" required error={errors.name?.message} {...form.register("name")} />
        <Textarea
          label="Address"
          autosize
          minRows={2}
          error={errors.address?.message}
          {...form.register("address")}
        />
        <FormAlert message={errors.root?.server?.message} />
        <Group>
          <Button type="submit" loading={isSubmitting}>
            {company ? "Save the company" : "Add the company"}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CompanyPage({ id }: { id: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const company = useCompany(id);
  const { remove } = useCompanyChanges();
  const list = useRecordList("lastName", 10);
  const contacts = useContactList({ contactCompanyId: id, limit: list.limit, offset: list.offset });
  const [editing, setEditing] = useState(false);
  if (company.error) return <ErrorAlert error={company.error} />;
  if (!company.data) return null;
  const current = company.data;
  return (
    <Stack>
      <BackLink to={setupPath("contact-companies")}>Contact companies</BackLink>
      <PageTitle
        title={current.name}
        subtitle="Contact company"
        actions={
          editing ? null : (
            <>
              {mayDo(me, "contacts", "E", "firm") ? (
                <Button onClick={() => setEditing(true)}>Edit</Button>
              ) : null}
              {mayDo(me, "contacts", "D", "firm") ? (
                <ConfirmButton
                  label="Delete"
                  name={`Delete contact company ${current.name}`}
                  question={`Delete ${current.name}? Its contacts and clients stay, without a company.`}
                  confirmLabel="Delete the company"
                  onConfirm={async () => {
                    await remove.mutateAsync(id);
                    await navigate({ to: setupPath("contact-companies") });
                  }}
                />
              ) : null}
            </>
          )
        }
      />
      <Paper withBorder p="md">
        {editing ? (
          <CompanyForm
            company={current}
            onSaved={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <Fields
            items={[
              ["Name", current.name],
              ["Address", current.address],
            ]}
          />
        )}
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="company-contacts">
        <Title order={2} size="h4" id="company-contacts" mb="xs">
          Contacts
        </Title>
        <RecordTable
          label="The company's contacts"
          columns={contactColumns}
          rows={contacts.data?.items}
          total={contacts.data?.total}
          rowKey={(contact) => contact.id}
          rowLink={(contact) => setupPath(`contacts/${contact.id}`)}
          state={list}
          loading={contacts.isFetching}
          empty="No contact at this company."
        />
      </Paper>
    </Stack>
  );
}
