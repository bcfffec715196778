/**
 * The firm's profile: its name, currency (fixed when the firm was made), time increment,
 * fiscal year and lock date. Whoever may not edit settings reads it; the server decides every
 * change and its words land beside the field they are about.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useEffect } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { problemText } from "../../../api/problem";
import { notifyDone } from "./notify-done";
import { TwoFactorRequirementSection } from "./two-factor-requirement";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { formatDate } from "../../../lib/format";
import { showProblem } from "../../../lib/form-problems";
import { mayDo, useMe } from "../../../lib/me";
import { useEditFirm, useFirmProfile, type FirmProfile } from "../api/firm-profile";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const profileSchema = z.object({
  name: z.string().trim().min(1, "Give the firm a name"),
  timeIncrement: z.enum(["1", "6", "15"]),
  fiscalYearStartMonth: z.string(),
  lockDate: z.string(),
});
type ProfileFields = z.infer<typeof profileSchema>;
const FIELDS = ["name", "timeIncrement", "fiscalYearStartMonth", "lockDate"] as const;

const fieldsOf = (firm: FirmProfile): ProfileFields => ({
  name: firm.name,
  timeIncrement: String(firm.timeIncrement) as ProfileFields["timeIncrement"],
  fiscalYearStartMonth: String(firm.fiscalYearStartMonth),
  lockDate: firm.lockDate ?? "",
});

/** What moving the lock date does, before saving (`will`) or after (`done`). */
function lockDateWords(before: string | null, after: string | null, when: "will" | "done"): string {
  const will = when === "will";
  if (before === after) return "";
  if (!after)
    return `The lock date ${will ? "will be" : "is"} cleared: entries of every date can be changed again.`;
  if (!before || after > before)
    return `Entries dated on or before ${formatDate(after)} ${will ? "will be" : "are now"} locked: nobody can add, change or delete them.`;
  return `The lock date ${will ? "will move" : "moved"} back to ${formatDate(after)}: entries after it can be changed again.`;
}

function ProfileForm({ firm, editable }: { firm: FirmProfile; editable: boolean }) {
  const edit = useEditFirm();
  const form = useForm<ProfileFields>({
    resolver: zodResolver(profileSchema),
    defaultValues: fieldsOf(firm),
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  useEffect(() => form.reset(fieldsOf(firm)), [firm, form]);
  const submit = form.handleSubmit(async (values) => {
    try {
      const saved = await edit.mutateAsync({
        name: values.name.trim(),
        timeIncrement: Number(values.timeIncrement) as 1 | 6 | 15,
        fiscalYearStartMonth: Number(values.fiscalYearStartMonth),
        lockDate: values.lockDate || null,
      });
      const moved = lockDateWords(firm.lockDate, saved.lockDate, "done");
      notifyDone(moved || "The firm's profile is saved.");
    } catch (error) {
      showProblem(error, form.setError, FIELDS);
    }
  });
  const lockDate = form.watch("lockDate");
  const moving = lockDateWords(firm.lockDate, lockDate || null, "will");
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack>
        <Paper withBorder p="md" component="section" aria-labelledby="profile-title">
          <Title order={2} size="h4" id="profile-title" mb="sm">
            Profile
          </Title>
          <Stack maw={560}>
            <TextInput
              label="Firm name"
              required
              readOnly={!editable}
              error={errors.name?.message}
              {...form.register("name")}
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput
                label="Currency"
                value={firm.currency}
                readOnly
                description={`Fixed when the firm was created; amounts have ${firm.minorDigits} decimal places`}
              />
              <Controller
                control={form.control}
                name="timeIncrement"
                render={({ field }) => (
                  <Select
                    label="Time is recorded in"
                    data={[
                      { value: "1", label: "1 minute" },
                      { value: "6", label: "6 minutes (a tenth of an hour)" },
                      { value: "15", label: "15 minutes" },
                    ]}
                    allowDeselect={false}
                    readOnly={!editable}
                    value={field.value}
                    onChange={(value) => field.onChange(value ?? field.value)}
                    error={errors.timeIncrement?.message}
                  />
                )}
              />
              <Controller
                control={form.control}
                name="fiscalYearStartMonth"
                render={({ field }) => (
                  <Select
                    label="Fiscal year starts in"
                    data={MONTHS.map((month, index) => ({ value: String(index + 1), label: month }))}
                    allowDeselect={false}
                    readOnly={!editable}
                    value={field.value}
                    onChange={(value) => field.onChange(value ?? field.value)}
                    error={errors.fiscalYearStartMonth?.message}
                  />
                )}
              />
            </SimpleGrid>
          </Stack>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="lock-title">
          <Title order={2} size="h4" id="lock-title" mb="xs">
            Lock date
          </Title>
          <Text size="sm" mb="sm">
            Time and expense entries dated on or before the lock date are locked: nobody can add, change or
            delete them, so closed periods stay as they were reported and billed.
            {firm.lockDate
              ? ` Now locked: everything up to ${formatDate(firm.lockDate)}.`
              : " Nothing is locked now."}
          </Text>
          <Group align="flex-end" maw={560}>
            <TextInput
              label="Lock date"
              type="date"
              readOnly={!editable}
              error={errors.lockDate?.message}
              style={{ flex: "1 1 12rem" }}
              {...form.register("lockDate")}
            />
            {editable && lockDate ? (
              <Button variant="default" onClick={() => form.setValue("lockDate", "", { shouldDirty: true })}>
                Clear the lock date
              </Button>
            ) : null}
          </Group>
          {moving ? (
            <Alert color="yellow" variant="light" mt="sm" role="status">
              {moving}
            </Alert>
          ) : null}
        </Paper>
        <FormAlert message={errors.root?.server?.message} />
        {editable ? (
          <Group>
            <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
              Save the profile
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Only people who may edit the firm's settings can change these.
          </Text>
        )}
      </Stack>
    </form>
  );
}

export function FirmProfilePage() {
  const me = useMe();
  const firm = useFirmProfile();
  return (
    <Stack>
      <PageTitle
        title="Firm profile"
        subtitle={firm.data?.slug ? `Address name: ${firm.data.slug}` : undefined}
      />
      {firm.isError ? <FormAlert message={problemText(firm.error)} /> : null}
      {firm.data ? <ProfileForm firm={firm.data} editable={mayDo(me, "settings", "E", "firm")} /> : null}
      <TwoFactorRequirementSection editable={mayDo(me, "settings", "E", "firm")} />
    </Stack>
  );
}
