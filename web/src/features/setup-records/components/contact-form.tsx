/** A contact, new or changed: name, contact details (with the right to them), company, clients. */
import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Group, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { FormAlert } from "../../../components/form-alert";
import { showProblem } from "../../../lib/form-problems";
import { mayDo, useMe } from "../../../lib/me";
import { useContactChanges } from "../api/contacts";
import type { Contact } from "../api/types";
import { ClientsPicker, CompanyPicker } from "./pickers";

const schema = z.object({
  firstName: z.string().trim().min(1, "Type the first name").max(60, "At most 60 characters"),
  lastName: z.string().trim().min(1, "Type the last name").max(60, "At most 60 characters"),
  email: z.union([z.literal(""), z.email("Type an email address, like ann@client.example")]),
  workPhone: z.string().max(40, "At most 40 characters"),
  mobilePhone: z.string().max(40, "At most 40 characters"),
  contactCompanyId: z.string().nullable(),
  clientIds: z.array(z.string()),
});
type Values = z.infer<typeof schema>;
const FIELDS = Object.keys(schema.shape) as (keyof Values)[];

export function ContactForm({
  contact,
  clientId,
  onSaved,
  onCancel,
}: {
  contact?: Contact;
  /** A new contact of this client. */
  clientId?: string | undefined;
  onSaved: (contact: Contact) => void;
  onCancel: () => void;
}) {
  const me = useMe();
  const { create, update } = useContactChanges();
  const details = mayDo(me, "contact_details", contact ? "E" : "C", "firm");
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      firstName: contact?.firstName ?? "",
      lastName: contact?.lastName ?? "",
      email: contact?.email ?? "",
      workPhone: contact?.workPhone ?? "",
      mobilePhone: contact?.mobilePhone ?? "",
      contactCompanyId: contact?.contactCompanyId ?? null,
      clientIds: contact?.clientIds ?? (clientId ? [clientId] : []),
    },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async ({ email, workPhone, mobilePhone, ...fields }) => {
    // Contact details go only with the right to set them (the server refuses them otherwise).
    const body = details ? { ...fields, email: email || null, workPhone, mobilePhone } : fields;
    try {
      onSaved(
        contact ? await update.mutateAsync({ id: contact.id, change: body }) : await create.mutateAsync(body),
      );
    } catch (error) {
      showProblem(error, form.setError, FIELDS);
    }
  });
  return (
    <form
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={contact ? "Change the contact" : "New contact"}
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="First name"
            required
            autoComplete="off"
            error={errors.firstName?.message}
            {...form.register("firstName")}
          />
          <TextInput
            label="Last name"
            required
            autoComplete="off"
            error={errors.lastName?.message}
            {...form.register("lastName")}
          />
          {details ? (
            <>
              <TextInput
                label="Email"
                type="email"
                autoComplete="off"
                error={errors.email?.message}
                {...form.register("email")}
              />
              <TextInput
                label="Work phone"
                type="tel"
                error={errors.workPhone?.message}
                {...form.register("workPhone")}
              />
              <TextInput
                label="Mobile phone"
                type="tel"
                error={errors.mobilePhone?.message}
                {...form.register("mobilePhone")}
              />
            </>
          ) : null}
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
        </SimpleGrid>
        <Controller
          control={form.control}
          name="clientIds"
          render={({ field }) => (
            <ClientsPicker value={field.value} onChange={field.onChange} error={errors.clientIds?.message} />
          )}
        />
        <FormAlert message={errors.root?.server?.message} />
        <Group>
          <Button type="submit" loading={isSubmitting}>
            {contact ? "Save the contact" : "Add the contact"}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
