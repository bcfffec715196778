/**
 * Which account in the books each expense work code's expenses go to; blank means the default
 * expense account (in the settings). Each code saves on its own.
 */
import { Button, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { useWorkCodes, workCodeLabel, type WorkCode } from "../../../lib/records";
import { useSetExpenseAccount } from "../api/settings";
import { notifyAccounting } from "./notify";

function ExpenseAccountRow({
  code,
  accountId,
  editable,
}: {
  code: WorkCode;
  accountId: string | null;
  editable: boolean;
}) {
  const set = useSetExpenseAccount();
  const [text, setText] = useState(accountId ?? "");
  const changed = text.trim() !== (accountId ?? "");
  const label = workCodeLabel(code);
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TextInput
        style={{ flex: "1 1 16rem" }}
        label={label}
        placeholder="The default account"
        value={text}
        readOnly={!editable}
        onChange={(event) => setText(event.currentTarget.value)}
        error={set.isError ? problemText(set.error) : undefined}
      />
      {editable ? (
        <Button
          variant="default"
          disabled={!changed}
          loading={set.isPending}
          aria-label={`Save the account of ${label}`}
          onClick={() =>
            set.mutate(
              { workCodeId: code.id, accountId: text.trim() || null },
              { onSuccess: () => notifyAccounting(`Saved the account of ${label}.`) },
            )
          }
        >
          Save
        </Button>
      ) : null}
    </Group>
  );
}

export function ExpenseAccountsSection({
  expenseAccounts,
  editable,
}: {
  expenseAccounts: { workCodeId: string; accountId: string }[];
  editable: boolean;
}) {
  const codes = useWorkCodes("expense");
  const accountOf = new Map(expenseAccounts.map((row) => [row.workCodeId, row.accountId]));
  const active = (codes.data?.items ?? []).filter((code) => code.active || accountOf.has(code.id));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="accounts-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="accounts-title">
          Expense accounts
        </Title>
        <Text size="sm">
          The account id in the books for each kind of expense. Leave one blank to use the default expense
          account.
        </Text>
        {codes.isError ? (
          <Text size="sm" c="red.8" role="alert">
            {problemText(codes.error)}
          </Text>
        ) : null}
        {codes.data && active.length === 0 ? (
          <Text size="sm" c="dimmed">
            The firm has no expense work codes.
          </Text>
        ) : null}
        {active.map((code) => (
          <ExpenseAccountRow
            key={`${code.id}:${accountOf.get(code.id) ?? ""}`}
            code={code}
            accountId={accountOf.get(code.id) ?? null}
            editable={editable}
          />
        ))}
      </Stack>
    </Paper>
  );
}
