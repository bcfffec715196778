/**
 * One expense, new or changed: client, project, expense code, date, quantity, the price on the
 * receipt (or the firm's rate when left empty), description, billable. Amounts are typed as text
 * and read into integers without a float; the server computes the amount and decides the rules,
 * and its words land beside the field they are about.
 */
import { Button, Checkbox, Group, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { ApiProblem, problemField, problemText } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import { ClientPicker, ProjectPicker, WorkCodePicker } from "../../../components/record-pickers";
import { decimalText, readDecimal } from "../../../lib/decimal-text";
import type { ExpenseEntry, NewExpenseEntry } from "../api/expenses";

/** Unit prices are ten-thousandths, quantities thousandths (as the API counts them). */
const RATE_DIGITS = 4;
const QUANTITY_DIGITS = 3;

type Field = "clientId" | "workCodeId" | "date" | "quantity" | "unitRate" | "description";
const FIELDS: Field[] = ["clientId", "workCodeId", "date", "quantity", "unitRate", "description"];

export function ExpenseForm({
  entry,
  date,
  submitLabel,
  onSubmit,
  onCancel,
  extra,
}: {
  entry?: ExpenseEntry | undefined;
  date: string;
  submitLabel: string;
  onSubmit: (values: NewExpenseEntry) => Promise<unknown>;
  onCancel?: () => void;
  /** More fields under the form's own (the receipts to attach to a new expense). */
  extra?: ReactNode;
}) {
  const [clientId, setClientId] = useState<string | null>(entry?.clientId ?? null);
  const [projectId, setProjectId] = useState<string | null>(entry?.projectId ?? null);
  const [workCodeId, setWorkCodeId] = useState<string | null>(entry?.workCodeId ?? null);
  const [day, setDay] = useState(entry?.date ?? date);
  const [quantity, setQuantity] = useState(entry ? decimalText(entry.quantity, QUANTITY_DIGITS, 0) : "1");
  const [unitRate, setUnitRate] = useState(
    entry && entry.rateSource === "entered" ? decimalText(entry.unitRate, RATE_DIGITS) : "",
  );
  const [description, setDescription] = useState(entry?.description ?? "");
  const [billable, setBillable] = useState<boolean | undefined>(entry?.billable);
  const [errors, setErrors] = useState<Partial<Record<Field | "form", string>>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const found: typeof errors = {};
    const readQuantity = readDecimal(quantity, QUANTITY_DIGITS, "a quantity");
    const readRate = unitRate.trim() ? readDecimal(unitRate, RATE_DIGITS, "the price") : null;
    if (!clientId) found.clientId = "Choose the client";
    if (!workCodeId) found.workCodeId = "Choose the expense code";
    if ("error" in readQuantity) found.quantity = readQuantity.error;
    else if (readQuantity.value === 0) found.quantity = "at least some quantity";
    if (readRate && "error" in readRate) found.unitRate = readRate.error;
    setErrors(found);
    if (Object.keys(found).length || !clientId || !workCodeId || "error" in readQuantity) return;
    if (readRate && "error" in readRate) return;
    setBusy(true);
    try {
      await onSubmit({
        clientId,
        projectId,
        workCodeId,
        date: day,
        quantity: readQuantity.value,
        unitRate: readRate ? readRate.value : null,
        description,
        ...(billable === undefined ? {} : { billable }),
      });
    } catch (error) {
      const field = error instanceof ApiProblem ? problemField(error, FIELDS) : null;
      setErrors({ [field ?? "form"]: problemText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => (event.preventDefault(), void submit())} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <ClientPicker
            value={clientId}
            required
            onChange={(id) => {
              setClientId(id);
              setProjectId(null);
            }}
            error={errors.clientId}
          />
          <ProjectPicker clientId={clientId} value={projectId} onChange={setProjectId} />
          <WorkCodePicker
            kind="expense"
            label="Expense code"
            required
            value={workCodeId}
            onChange={setWorkCodeId}
            error={errors.workCodeId}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <TextInput
            label="Date"
            type="date"
            required
            value={day}
            onChange={(event) => setDay(event.currentTarget.value)}
            error={errors.date}
          />
          <TextInput
            label="Quantity"
            inputMode="decimal"
            required
            value={quantity}
            onChange={(event) => setQuantity(event.currentTarget.value)}
            error={errors.quantity}
          />
          <TextInput
            label="Price each"
            description="empty: the firm's rate"
            inputMode="decimal"
            placeholder="23.50"
            value={unitRate}
            onChange={(event) => setUnitRate(event.currentTarget.value)}
            error={errors.unitRate}
          />
          <Checkbox
            mt={{ base: 0, sm: 32 }}
            label="Billable"
            checked={billable ?? true}
            indeterminate={billable === undefined}
            onChange={(event) => setBillable(event.currentTarget.checked)}
            description={billable === undefined ? "as the code says" : undefined}
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxLength={4000}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={errors.description}
        />
        {extra}
        <FormAlert message={errors.form} />
        <Group>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
