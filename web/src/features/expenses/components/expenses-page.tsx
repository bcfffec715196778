/**
 * A staff member's expenses, a month at a time: each with its amount (the server's), status and
 * receipts; a new one recorded with its receipt photographed or chosen from the phone; drafts
 * changed, deleted or submitted for review.
 */
import { Badge, Button, Card, CloseButton, Group, Loader, Stack, Text } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { localToday, monthBounds, monthOf, shiftMonth } from "../../../lib/calendar";
import { formatDate, formatMoney } from "../../../lib/format";
import { useMe } from "../../../lib/me";
import { clientLabel, useClient, useWorkCodes, workCodeLabel } from "../../../lib/records";
import { useExpenseChanges, useExpensesBetween, type ExpenseEntry } from "../api/expenses";
import { ExpenseForm } from "./expense-form";
import { ReceiptFilePicker, Receipts, SendingList, useReceiptUploads } from "./receipts";

const monthWords = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" });

function ExpenseCard({ entry, minorDigits }: { entry: ExpenseEntry; minorDigits: number }) {
  const [editing, setEditing] = useState(false);
  const changes = useExpenseChanges();
  const client = useClient(entry.clientId);
  const codes = useWorkCodes("expense");
  const code = codes.data?.items.find((item) => item.id === entry.workCodeId);
  // The server says whether the entry is locked (approved or later, or on or before the lock date).
  const editable = entry.status === "draft" && !entry.locked;
  if (editing) {
    return (
      <Card withBorder>
        <ExpenseForm
          entry={entry}
          date={entry.date}
          submitLabel="Save"
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            await changes.update.mutateAsync({ id: entry.id, change: values });
            setEditing(false);
          }}
        />
      </Card>
    );
  }
  return (
    <Card
      withBorder
      component="article"
      aria-label={`Expense ${entry.description || workCodeLabel(code)} on ${formatDate(entry.date)}`}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4} miw={0}>
          <Text size="sm" fw={500} truncate>
            {clientLabel(client.data)}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDate(entry.date)} · {workCodeLabel(code)}
          </Text>
          {entry.description ? <Text size="sm">{entry.description}</Text> : null}
          {entry.reviewComment ? (
            <Text size="sm" c="red.9">
              <Text span fw={700}>
                Returned:
              </Text>{" "}
              {entry.reviewComment}
            </Text>
          ) : null}
          <Group gap={6}>
            <Badge variant="light" color={entry.status === "draft" ? "gray" : "blue"}>
              {entry.status}
            </Badge>
            {entry.billable ? null : (
              <Badge variant="outline" color="gray">
                not billable
              </Badge>
            )}
            {entry.locked && entry.status === "draft" ? (
              <Badge variant="outline" color="dark">
                locked
              </Badge>
            ) : null}
          </Group>
        </Stack>
        <Text fw={700} className="tabular">
          {formatMoney(entry.amount, minorDigits)}
        </Text>
      </Group>
      <Stack gap={4} mt="sm">
        <Text size="sm" fw={500}>
          Receipts
        </Text>
        <Receipts entryId={entry.id} editable={editable} />
      </Stack>
      {editable ? (
        <Group mt="sm" gap="xs">
          <Button size="xs" variant="light" onClick={() => setEditing(true)}>
            Change
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            loading={changes.remove.isPending}
            onClick={() => changes.remove.mutate(entry.id)}
          >
            Delete
          </Button>
        </Group>
      ) : null}
      {changes.remove.isError ? <FormAlert message={problemText(changes.remove.error)} /> : null}
    </Card>
  );
}

function NewExpense({ date, onDone }: { date: string; onDone: () => void }) {
  const changes = useExpenseChanges();
  const uploads = useReceiptUploads();
  const [files, setFiles] = useState<File[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <Card withBorder>
      {saved ? (
        // Saved, but a receipt was refused: say why, and let the person add another.
        <Stack>
          <Text>The expense is saved. A receipt could not be attached:</Text>
          <SendingList sending={uploads.sending} onDismiss={uploads.dismiss} />
          <Receipts entryId={saved} editable />
          <Group>
            <Button onClick={onDone}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <ExpenseForm
          date={date}
          submitLabel="Record the expense"
          onCancel={onDone}
          onSubmit={async (values) => {
            const entry = await changes.create.mutateAsync(values);
            const allSent = await uploads.send(entry.id, files);
            if (allSent) onDone();
            else setSaved(entry.id);
          }}
          extra={
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                Receipts
              </Text>
              {files.map((file) => (
                <Group key={`${file.name}-${file.size}-${file.lastModified}`} gap="xs" wrap="nowrap">
                  <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                    {file.name}
                  </Text>
                  <CloseButton
                    size="sm"
                    aria-label={`Leave out ${file.name}`}
                    onClick={() => setFiles((all) => all.filter((one) => one !== file))}
                  />
                </Group>
              ))}
              <SendingList sending={uploads.sending} onDismiss={uploads.dismiss} />
              <Group>
                <ReceiptFilePicker
                  label={files.length ? "Add another receipt" : "Photo or PDF of the receipt"}
                  onFiles={(chosen) => setFiles((all) => [...all, ...chosen])}
                />
              </Group>
            </Stack>
          }
        />
      )}
    </Card>
  );
}

export function ExpensesPage({ month }: { month: string | undefined }) {
  const me = useMe();
  const navigate = useNavigate();
  const shown = month ?? monthOf();
  const { from, to } = monthBounds(shown);
  const expenses = useExpensesBetween(from, to);
  const changes = useExpenseChanges();
  const [adding, setAdding] = useState(false);
  const minorDigits = me?.firm.minorDigits ?? 2;
  const items = expenses.data?.items ?? [];
  const drafts = items.filter((entry) => entry.status === "draft" && !entry.locked);
  const go = (to: string) => void navigate({ to: "/expenses", search: { month: to } });
  const today = localToday();
  const thisMonth = today.slice(0, 7);
  return (
    <Stack>
      <PageTitle
        title="Expenses"
        subtitle={monthWords.format(new Date(`${shown}-01T00:00:00Z`))}
        actions={
          <>
            <Button variant="default" aria-label="Previous month" onClick={() => go(shiftMonth(shown, -1))}>
              ‹
            </Button>
            <Button variant="default" disabled={shown === thisMonth} onClick={() => go(thisMonth)}>
              This month
            </Button>
            <Button variant="default" aria-label="Next month" onClick={() => go(shiftMonth(shown, 1))}>
              ›
            </Button>
          </>
        }
      />
      {adding ? (
        <NewExpense date={shown === thisMonth ? today : from} onDone={() => setAdding(false)} />
      ) : (
        <Group>
          <Button onClick={() => setAdding(true)}>Record an expense</Button>
          {drafts.length ? (
            <Button
              variant="light"
              loading={changes.submit.isPending}
              onClick={() => changes.submit.mutate(drafts.map((entry) => entry.id))}
            >
              Submit {drafts.length === 1 ? "the draft" : `${drafts.length} drafts`} for review
            </Button>
          ) : null}
        </Group>
      )}
      {changes.submit.isError ? <FormAlert message={problemText(changes.submit.error)} /> : null}
      {expenses.isPending ? <Loader aria-label="Loading the expenses" /> : null}
      {expenses.isError ? <FormAlert message={problemText(expenses.error)} /> : null}
      {expenses.data && items.length === 0 ? <Text c="dimmed">No expenses this month.</Text> : null}
      {items.map((entry) => (
        <ExpenseCard key={entry.id} entry={entry} minorDigits={minorDigits} />
      ))}
    </Stack>
  );
}
