/**
 * Asking a client for documents: whom (the client's contacts who can sign in to the portal), what
 * (a checklist of items, each with an optional due date), the words of the email, and reminders.
 * The server checks everything again; its answer is put beside the field it is about.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { Controller, useFieldArray, useForm, type Path } from "react-hook-form";
import { z } from "zod";
import { problemText } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { ClientPicker } from "../../../components/record-pickers";
import { showProblem } from "../../../lib/form-problems";
import { useCreateRequest, usePortalContacts, type NewRequest } from "../api/requests";

const schema = z
  .object({
    clientId: z.string({ error: "Choose the client" }).min(1, "Choose the client"),
    recipients: z.array(z.string()).min(1, "Choose at least one person to ask"),
    subject: z.string().trim().min(1, "Give the request a subject").max(200),
    description: z.string().max(4000, "At most 4,000 characters"),
    emailMessage: z.string().max(2000, "At most 2,000 characters"),
    items: z
      .array(
        z.object({
          title: z.string().trim().min(1, "Say what you need").max(200),
          dueDate: z.string(),
        }),
      )
      .min(1, "Ask for at least one thing"),
    remind: z.boolean(),
    everyDays: z.number({ error: "A number of days" }).int().min(1, "At least 1").max(60, "At most 60"),
    max: z.number({ error: "A number of times" }).int().min(1, "At least 1").max(20, "At most 20"),
  })
  .strict();
type Fields = z.infer<typeof schema>;

/** The fields a server problem may name (details.field or an issue's path), items by position. */
function fieldsOf(itemCount: number): Path<Fields>[] {
  const items = Array.from({ length: itemCount }, (_, index) => [
    `items.${index}.title` as const,
    `items.${index}.dueDate` as const,
  ]).flat();
  return [
    "clientId",
    "recipients",
    "subject",
    "description",
    "emailMessage",
    "items",
    "everyDays",
    "max",
    ...items,
  ];
}

export function NewRequestPage({ clientId }: { clientId?: string | undefined }) {
  const navigate = useNavigate();
  const create = useCreateRequest();
  const form = useForm<Fields>({
    resolver: zodResolver(schema),
    defaultValues: {
      clientId: clientId ?? "",
      recipients: [],
      subject: "",
      description: "",
      emailMessage: "",
      items: [{ title: "", dueDate: "" }],
      remind: true,
      everyDays: 3,
      max: 3,
    },
  });
  const items = useFieldArray({ control: form.control, name: "items" });
  const { errors, isSubmitting } = form.formState;
  const chosenClient = form.watch("clientId") || null;
  const contacts = usePortalContacts(chosenClient);
  const remind = form.watch("remind");

  const submit = form.handleSubmit(async (fields) => {
    const body: NewRequest = {
      subject: fields.subject.trim(),
      description: fields.description.trim(),
      emailMessage: fields.emailMessage.trim(),
      recipients: fields.recipients,
      items: fields.items.map((item) => ({
        title: item.title.trim(),
        dueDate: item.dueDate || null,
        action: "upload" as const,
        fileId: null,
      })),
      reminders: fields.remind ? { everyDays: fields.everyDays, max: fields.max } : null,
    };
    try {
      const request = await create.mutateAsync({ clientId: fields.clientId, body });
      await navigate({ to: "/requests/$requestId", params: { requestId: request.id } });
    } catch (error) {
      showProblem(error, form.setError, fieldsOf(fields.items.length));
    }
  });

  const people = contacts.data?.items ?? [];
  return (
    <Stack maw={760}>
      <PageTitle
        title="Ask for documents"
        subtitle="The client's contacts get an email with a link straight to it."
      />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="lg">
          <Controller
            control={form.control}
            name="clientId"
            render={({ field }) => (
              <ClientPicker
                value={field.value || null}
                onChange={(value) => {
                  field.onChange(value ?? "");
                  form.setValue("recipients", []);
                }}
                error={errors.clientId?.message}
                required
              />
            )}
          />
          <Controller
            control={form.control}
            name="recipients"
            render={({ field }) => (
              <Checkbox.Group
                label="Ask"
                description="The client's contacts who can sign in to the portal. Only those who can upload can send documents."
                value={field.value}
                onChange={field.onChange}
                error={errors.recipients?.message}
                required
              >
                <Stack gap="xs" mt="xs">
                  {!chosenClient ? (
                    <Text size="sm" c="dimmed">
                      Choose the client first.
                    </Text>
                  ) : contacts.isPending ? (
                    <Text size="sm">Loading the contacts…</Text>
                  ) : contacts.isError ? (
                    <Text size="sm" c="red.8">
                      {problemText(contacts.error)}
                    </Text>
                  ) : people.length === 0 ? (
                    <Text size="sm">
                      Nobody at this client can sign in to the portal yet: invite a contact and share the
                      client with them first.
                    </Text>
                  ) : (
                    people.map((person) => (
                      <Checkbox
                        key={person.contactId}
                        value={person.contactId}
                        label={`${person.name} (${person.email})`}
                        description={`${person.role === "collaborator" ? "Can upload" : "Can view and comment only"}${person.status === "invited" ? "; has not signed in yet" : ""}`}
                      />
                    ))
                  )}
                </Stack>
              </Checkbox.Group>
            )}
          />
          <TextInput
            label="Subject"
            placeholder="2026 tax return"
            required
            error={errors.subject?.message}
            {...form.register("subject")}
          />
          <Textarea
            label="Description"
            description="Shown on the request."
            autosize
            minRows={2}
            error={errors.description?.message}
            {...form.register("description")}
          />
          <Textarea
            label="Message for the email"
            description="Added to the email when the firm's detailed notifications are on."
            autosize
            minRows={2}
            error={errors.emailMessage?.message}
            {...form.register("emailMessage")}
          />

          <Paper withBorder p="md" component="fieldset" style={{ margin: 0 }}>
            <Title order={2} size="h4" component="legend" px={4}>
              What you need
            </Title>
            <Stack gap="sm">
              {items.fields.map((item, index) => (
                <Group key={item.id} align="flex-start" gap="xs" wrap="wrap">
                  <TextInput
                    style={{ flex: "1 1 220px" }}
                    label={`Item ${index + 1}`}
                    placeholder="W-2 forms"
                    required
                    error={errors.items?.[index]?.title?.message}
                    {...form.register(`items.${index}.title`)}
                  />
                  <TextInput
                    type="date"
                    label="Due date"
                    style={{ flex: "0 1 170px" }}
                    error={errors.items?.[index]?.dueDate?.message}
                    {...form.register(`items.${index}.dueDate`)}
                  />
                  <Group gap={4} mt={{ base: 0, sm: 26 }}>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      aria-label={`Move item ${index + 1} up`}
                      disabled={index === 0}
                      onClick={() => items.move(index, index - 1)}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      aria-label={`Move item ${index + 1} down`}
                      disabled={index === items.fields.length - 1}
                      onClick={() => items.move(index, index + 1)}
                    >
                      ↓
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      color="red"
                      size="lg"
                      aria-label={`Remove item ${index + 1}`}
                      disabled={items.fields.length === 1}
                      onClick={() => items.remove(index)}
                    >
                      ×<VisuallyHidden>remove</VisuallyHidden>
                    </ActionIcon>
                  </Group>
                </Group>
              ))}
              {errors.items?.root?.message || errors.items?.message ? (
                <Text c="red.8" size="sm" role="alert">
                  {errors.items?.root?.message ?? errors.items?.message}
                </Text>
              ) : null}
              <Button
                variant="light"
                onClick={() => items.append({ title: "", dueDate: "" })}
                disabled={items.fields.length >= 50}
                style={{ alignSelf: "flex-start" }}
              >
                Add an item
              </Button>
            </Stack>
          </Paper>

          <Paper withBorder p="md">
            <Stack gap="sm">
              <Controller
                control={form.control}
                name="remind"
                render={({ field }) => (
                  <Switch
                    label="Send reminders until the client answers"
                    checked={field.value}
                    onChange={(event) => field.onChange(event.currentTarget.checked)}
                    onBlur={field.onBlur}
                    name={field.name}
                    ref={field.ref}
                  />
                )}
              />
              {remind ? (
                <Group gap="sm" wrap="wrap">
                  <Controller
                    control={form.control}
                    name="everyDays"
                    render={({ field }) => (
                      <NumberInput
                        label="Every (days)"
                        min={1}
                        max={60}
                        allowDecimal={false}
                        value={field.value}
                        onChange={(value) => field.onChange(typeof value === "number" ? value : Number.NaN)}
                        error={errors.everyDays?.message}
                        w={140}
                      />
                    )}
                  />
                  <Controller
                    control={form.control}
                    name="max"
                    render={({ field }) => (
                      <NumberInput
                        label="At most (times)"
                        min={1}
                        max={20}
                        allowDecimal={false}
                        value={field.value}
                        onChange={(value) => field.onChange(typeof value === "number" ? value : Number.NaN)}
                        error={errors.max?.message}
                        w={140}
                      />
                    )}
                  />
                </Group>
              ) : null}
              <Text size="xs" c="dark.4">
                Reminders stop when the client answers, when you complete or cancel the request, or after the
                last one.
              </Text>
            </Stack>
          </Paper>

          <FormAlert message={errors.root?.server?.message} />
          <Group>
            <Button type="submit" size="md" loading={isSubmitting}>
              Send the request
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
