/**
 * The firm's accounting settings: where the books are, how the two systems' structures relate,
 * which side leads each list, the default expense account and the nightly transfer. Only what
 * changed is sent; the server's refusals land beside the field they are about.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import {
  Button,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useEffect } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { FormAlert } from "../../../components/form-alert";
import { showProblem } from "../../../lib/form-problems";
import { useEditSettings, type AccountingSettings, type SettingsPatch } from "../api/settings";
import { notifyAccounting } from "./notify";

const TARGETS = [
  { value: "qbo", label: "QuickBooks Online" },
  { value: "iif", label: "IIF file (QuickBooks Desktop)" },
  { value: "hledger", label: "hledger journal" },
];
const LEADS = [
  { value: "firmtime", label: "firmtime leads" },
  { value: "accounting", label: "The books lead" },
];
const LISTS = [
  { name: "employees", label: "Employees" },
  { name: "customers", label: "Customers" },
  { name: "vendors", label: "Vendors" },
] as const;

const lead = z.enum(["firmtime", "accounting"]);
const settingsSchema = z.object({
  target: z.enum(["qbo", "iif", "hledger"]),
  relationship: z.enum(["jobs", "items"]),
  employees: lead,
  customers: lead,
  vendors: lead,
  expenseAccountId: z.string().trim().max(64, "An account id has at most 64 characters"),
  nightly: z.boolean(),
  scheduleHour: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, "Give a whole hour from 0 to 23")
    .refine((hour) => Number(hour) <= 23, "Give a whole hour from 0 to 23"),
});
type SettingsFields = z.infer<typeof settingsSchema>;
const FIELDS = [
  "target",
  "relationship",
  "employees",
  "customers",
  "vendors",
  "expenseAccountId",
  "nightly",
  "scheduleHour",
] as const;

const fieldsOf = (settings: AccountingSettings): SettingsFields => ({
  target: settings.target,
  relationship: settings.relationship,
  ...settings.leads,
  expenseAccountId: settings.expenseAccountId ?? "",
  nightly: settings.schedule === "nightly",
  scheduleHour: String(settings.scheduleHour),
});

/** The fields that differ from what the server holds (a PATCH changes only what it names). */
function changesOf(values: SettingsFields, settings: AccountingSettings): SettingsPatch {
  const patch: SettingsPatch = {};
  if (values.target !== settings.target) patch.target = values.target;
  if (values.relationship !== settings.relationship) patch.relationship = values.relationship;
  const leads: NonNullable<SettingsPatch["leads"]> = {};
  for (const { name } of LISTS) if (values[name] !== settings.leads[name]) leads[name] = values[name];
  if (Object.keys(leads).length > 0) patch.leads = leads;
  const account = values.expenseAccountId.trim() || null;
  if (account !== settings.expenseAccountId) patch.expenseAccountId = account;
  const schedule = values.nightly ? "nightly" : "off";
  if (schedule !== settings.schedule) patch.schedule = schedule;
  if (Number(values.scheduleHour) !== settings.scheduleHour) patch.scheduleHour = Number(values.scheduleHour);
  return patch;
}

export function SettingsForm({ settings, editable }: { settings: AccountingSettings; editable: boolean }) {
  const edit = useEditSettings();
  const form = useForm<SettingsFields>({
    resolver: zodResolver(settingsSchema),
    defaultValues: fieldsOf(settings),
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  useEffect(() => form.reset(fieldsOf(settings)), [settings, form]);
  const submit = form.handleSubmit(async (values) => {
    try {
      await edit.mutateAsync(changesOf(values, settings));
      notifyAccounting("The accounting settings are saved.");
    } catch (error) {
      showProblem(error, form.setError, FIELDS, (problem) =>
        problem.code === "IN_USE"
          ? "Projects or work codes are already linked the current way: unlink them (below) before changing this."
          : null,
      );
    }
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-title">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack maw={720}>
          <Title order={2} size="h4" id="settings-title">
            Settings
          </Title>
          <Controller
            control={form.control}
            name="target"
            render={({ field }) => (
              <Select
                label="The firm's books are in"
                data={TARGETS}
                allowDeselect={false}
                readOnly={!editable}
                value={field.value}
                onChange={(value) => field.onChange(value ?? field.value)}
                error={errors.target?.message}
                description="QuickBooks Online is reached through its connection; IIF files and hledger journals are exported for you to import."
              />
            )}
          />
          <Controller
            control={form.control}
            name="relationship"
            render={({ field }) => (
              <Radio.Group
                label="How firmtime's clients and projects become records in the books"
                value={field.value}
                onChange={field.onChange}
                error={errors.relationship?.message}
              >
                <Stack gap="xs" mt="xs">
                  <Radio
                    value="jobs"
                    disabled={!editable}
                    label="Projects are jobs"
                    description="Each client is a customer, each project a job under it (“Client:Project”), and each work code a service item."
                  />
                  <Radio
                    value="items"
                    disabled={!editable}
                    label="Projects are items"
                    description="Each client is a customer, and each project is a service item (a sub-item of its client's item) that time is recorded against."
                  />
                </Stack>
              </Radio.Group>
            )}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Which side leads each list
            </Text>
            <Text size="xs" c="dimmed">
              The side that leads adds and renames records; the other follows it at each transfer or import.
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {LISTS.map(({ name, label }) => (
                <Controller
                  key={name}
                  control={form.control}
                  name={name}
                  render={({ field }) => (
                    <Select
                      label={label}
                      data={LEADS}
                      allowDeselect={false}
                      readOnly={!editable}
                      value={field.value}
                      onChange={(value) => field.onChange(value ?? field.value)}
                      error={errors[name]?.message}
                    />
                  )}
                />
              ))}
            </SimpleGrid>
          </Stack>
          <TextInput
            label="Default expense account id"
            description="The account in the books that expenses go to when their work code names none (below)."
            placeholder="None"
            readOnly={!editable}
            error={errors.expenseAccountId?.message}
            {...form.register("expenseAccountId")}
          />
          <Group align="flex-start" gap="lg">
            <Controller
              control={form.control}
              name="nightly"
              render={({ field }) => (
                <Switch
                  mt="lg"
                  label="Transfer every night"
                  description="QuickBooks Online only; files are exported when asked."
                  checked={field.value}
                  disabled={!editable}
                  onChange={(event) => field.onChange(event.currentTarget.checked)}
                />
              )}
            />
            <TextInput
              label="At hour (UTC)"
              description="0 to 23, in UTC, not local time"
              inputMode="numeric"
              w={180}
              readOnly={!editable}
              error={errors.scheduleHour?.message}
              {...form.register("scheduleHour")}
            />
          </Group>
          <FormAlert message={errors.root?.server?.message} />
          {editable ? (
            <Group>
              <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
                Save the settings
              </Button>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              Only people who may edit accounting transfers can change these.
            </Text>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
