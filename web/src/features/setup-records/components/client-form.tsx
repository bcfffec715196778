/** A client, new or changed. The form checks only the shape; the server's rules decide. */
import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Group, Select, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { FormAlert } from "../../../components/form-alert";
import { showProblem } from "../../../lib/form-problems";
import { mayDo, useMe } from "../../../lib/me";
import { useClientChanges } from "../api/clients";
import type { Client } from "../api/types";
import { CompanyPicker, StaffPicker } from "./pickers";

const schema = z.object({
  code: z.string().trim().min(1, "Type the client's code").max(20, "At most 20 characters"),
  name: z.string().trim().min(1, "Type the client's name").max(200, "At most 200 characters"),
  status: z.enum(["active", "inactive"]),
  contactCompanyId: z.string().nullable(),
  partnerId: z.string().nullable(),
  managerId: z.string().nullable(),
  address: z.string().max(500, "At most 500 characters"),
  notes: z.string().max(4000, "At most 4,000 characters"),
});
type Values = z.infer<typeof schema>;
const FIELDS = Object.keys(schema.shape) as (keyof Values)[];

export function ClientForm({
  client,
  onSaved,
  onCancel,
}: {
  client?: Client;
  onSaved: (client: Client) => void;
  onCancel: () => void;
}) {
  const me = useMe();
  const { create, update } = useClientChanges();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      code: client?.code ?? "",
      name: client?.name ?? "",
      status: client?.status ?? "active",
      contactCompanyId: client?.contactCompanyId ?? null,
      partnerId: client?.partnerId ?? null,
      managerId: client?.managerId ?? null,
      address: client?.address ?? "",
      notes: client?.notes ?? "",
    },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    try {
      const saved = client
        ? await update.mutateAsync({ id: client.id, change: values })
        : await create.mutateAsync(values);
      onSaved(saved);
    } catch (error) {
      showProblem(error, form.setError, FIELDS);
    }
  });
  const picksContacts = mayDo(me, "contacts", "R", "firm");
  const picksStaff = mayDo(me, "staff", "R");
  return (
    <form
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={client ? "Change the client" : "New client"}
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Code"
            required
            autoCapitalize="characters"
            error={errors.code?.message}
            {...form.register("code")}
          />
          <TextInput label="Name" required error={errors.name?.message} {...form.register("name")} />
          <Controller
            control={form.control}
            name="status"
            render={({ field }) => (
              <Select
                label="Status"
                data={[
                  { value: "active", label: "Active" },
                  { value: "inactive", label: "Inactive" },
                ]}
                value={field.value}
                onChange={(value) => field.onChange(value ?? "active")}
                allowDeselect={false}
                error={errors.status?.message}
              />
            )}
          />
          {picksContacts ? (
            <Controller
              control={form.control}
              name="contactCompanyId"
              render={({ field }) => (
                <CompanyPicker
                  label="Contact company"
                  value={field.value}
                  onChange={field.onChange}
                  error={errors.contactCompanyId?.message}
                />
              )}
            />
          ) : null}
          {picksStaff ? (
            <>
              <Controller
                control={form.control}
                name="partnerId"
                render={({ field }) => (
                  <StaffPicker
                    label="Partner"
                    value={field.value}
                    onChange={field.onChange}
                    error={errors.partnerId?.message}
                  />
                )}
              />
              <Controller
                control={form.control}
                name="managerId"
                render={({ field }) => (
                  <StaffPicker
                    label="Manager"
                    value={field.value}
                    onChange={field.onChange}
                    error={errors.managerId?.message}
                  />
                )}
              />
            </>
          ) : null}
        </SimpleGrid>
        <Textarea
          label="Address"
          autosize
          minRows={2}
          error={errors.address?.message}
          {...form.register("address")}
        />
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          error={errors.notes?.message}
          {...form.register("notes")}
        />
        <FormAlert message={errors.root?.server?.message} />
        <Group>
          <Button type="submit" loading={isSubmitting}>
            {client ? "Save the client" : "Add the client"}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
