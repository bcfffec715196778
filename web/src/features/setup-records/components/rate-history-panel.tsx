/**
 * One owner's rates as effective-dated histories: each target (the owner's standard rate, or
 * for one work code) oldest to newest, the rate in effect today marked, future rates marked
 * "from DATE", where each comes from in the resolution order; and a new rate from a date.
 */
import { localToday } from "../../../lib/calendar";
import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormAlert } from "../../../components/form-alert";
import { formatDate } from "../../../lib/format";
import { showProblem } from "../../../lib/form-problems";
import { readRate, rateText } from "../amount-text";
import { useRateChanges, useRates } from "../api/rates";
import type { RateQuery } from "../api/types";
import { useWorkCodeList } from "../api/work-codes";
import { rateHistories } from "../rate-history";
import { ErrorAlert, ReadOnlyNote } from "./setup-parts";
import { ConfirmButton } from "../../../components/confirm-button";

/** The one owner new rates are for: a client, a project, a staff member, or a work code's default. */
export type RateOwner =
  { clientId: string } | { projectId: string } | { staffId: string } | { workCodeId: string };

const ALWAYS = "0001-01-01";
const fromText = (date: string) => (date === ALWAYS ? "always" : formatDate(date));

function RateForm({ owner, pickWorkCode }: { owner: RateOwner; pickWorkCode: boolean }) {
  const { set } = useRateChanges();
  const workCodes = useWorkCodeList({ limit: 500, offset: 0 });
  const form = useForm<{ workCodeId: string; effectiveDate: string; rate: string }>({
    defaultValues: { workCodeId: "", effectiveDate: localToday(), rate: "" },
  });
  const [workCodeId, setWorkCodeId] = useState<string | null>(null);
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async ({ effectiveDate, rate }) => {
    const reading = readRate(rate);
    if ("error" in reading)
      return form.setError("rate", { message: `Type ${reading.error.replace(/^type /, "")}` });
    try {
      const saved = await set.mutateAsync({
        ...owner,
        ...(pickWorkCode && workCodeId ? { workCodeId } : {}),
        effectiveDate,
        rate: reading.value,
      });
      notifications.show({
        closeButtonProps: { "aria-label": "Dismiss" },
        color: "green",
        message: `Rate ${rateText(saved.rate)} set from ${fromText(saved.effectiveDate)}.`,
      });
      form.reset({ workCodeId: "", effectiveDate, rate: "" });
    } catch (error) {
      showProblem(error, form.setError, ["workCodeId", "effectiveDate", "rate"]);
    }
  });
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="New rate">
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: pickWorkCode ? 3 : 2 }}>
          {pickWorkCode ? (
            <Select
              label="For work code"
              placeholder="Every work code (standard rate)"
              searchable
              clearable
              value={workCodeId}
              onChange={setWorkCodeId}
              data={(workCodes.data?.items ?? []).map((code) => ({
                value: code.id,
                label: `${code.code} · ${code.name}`,
              }))}
              error={errors.workCodeId?.message}
              size="md"
            />
          ) : null}
          <TextInput
            label="Effective from"
            type="date"
            required
            error={errors.effectiveDate?.message}
            {...form.register("effectiveDate")}
          />
          <TextInput
            label="Rate per hour or unit"
            placeholder="125.50"
            inputMode="decimal"
            required
            error={errors.rate?.message}
            {...form.register("rate")}
          />
        </SimpleGrid>
        <FormAlert message={errors.root?.server?.message} />
        <Group>
          <Button type="submit" loading={isSubmitting}>
            Add the rate
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RateHistoryPanel({
  filter,
  owner,
  mayChange,
  pickWorkCode = true,
  title = "Rates",
}: {
  filter: RateQuery;
  /** Who new rates are for; none: the panel only shows. */
  owner?: RateOwner;
  mayChange: boolean;
  pickWorkCode?: boolean;
  title?: string;
}) {
  const rates = useRates(filter);
  const { remove } = useRateChanges();
  const histories = rateHistories(rates.data?.items ?? []);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rates-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="rates-title">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          An entry takes the first rate that applies on its date: project and work code, project, client and
          work code, client, staff and work code, staff standard, then the work code&apos;s default.
        </Text>
        <ErrorAlert error={rates.error} />
        {rates.data && histories.length === 0 ? <Text>No rate set here yet.</Text> : null}
        {histories.map((history) => (
          <Stack key={history.key} gap={4} component="section" aria-label={history.source}>
            <Group gap="xs">
              <Text fw={600}>{history.source}</Text>
              <Badge variant="outline" color="gray.8">
                level {history.level} of 7
              </Badge>
            </Group>
            <Table.ScrollContainer minWidth={320}>
              <Table verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>From</Table.Th>
                    <Table.Th style={{ textAlign: "right" }}>Rate</Table.Th>
                    <Table.Th>State</Table.Th>
                    {mayChange ? (
                      <Table.Th>
                        <span className="visually-hidden">Actions</span>
                      </Table.Th>
                    ) : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {history.rows.map(({ rate, inEffect }) => (
                    <Table.Tr key={rate.id}>
                      <Table.Td>{fromText(rate.effectiveDate)}</Table.Td>
                      <Table.Td style={{ textAlign: "right", fontVariantNumeric: "tabular-nums" }}>
                        {rateText(rate.rate)}
                      </Table.Td>
                      <Table.Td>
                        {inEffect ? (
                          <Text size="sm" fw={700} c="teal.9">
                            ✓ in effect
                          </Text>
                        ) : rate.timing === "future" ? (
                          <Text size="sm" fw={600} c="blue.8">
                            from {formatDate(rate.effectiveDate)}
                          </Text>
                        ) : rate.timing === "historical" ? (
                          <Text size="sm" c="dimmed">
                            historical (locked)
                          </Text>
                        ) : (
                          <Text size="sm" c="dimmed">
                            replaced
                          </Text>
                        )}
                      </Table.Td>
                      {mayChange ? (
                        <Table.Td>
                          {rate.timing === "historical" ? null : (
                            <ConfirmButton
                              label="Remove"
                              size="compact-sm"
                              name={`Remove ${rateText(rate.rate)} from ${fromText(rate.effectiveDate)}`}
                              question={`Remove the rate ${rateText(rate.rate)} effective from ${fromText(rate.effectiveDate)} (${history.source})? Entries already recorded keep their rate.`}
                              confirmLabel="Remove the rate"
                              onConfirm={() => remove.mutateAsync(rate.id)}
                            />
                          )}
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        ))}
        {owner && mayChange ? (
          <RateForm owner={owner} pickWorkCode={pickWorkCode} />
        ) : owner ? (
          <ReadOnlyNote>Your role does not let you set these rates.</ReadOnlyNote>
        ) : null}
      </Stack>
    </Paper>
  );
}
