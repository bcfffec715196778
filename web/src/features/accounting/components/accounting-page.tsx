/**
 * /accounting: the firm's accounting at a glance for those with the accounting transfer right:
 * the QuickBooks Online connection, what to run now, the settings, staff as employees or
 * vendors, expense accounts and the links. Intuit's consent page returns here with
 * ?connected=1 or ?connectError=…, said as a notice at the top.
 */
import { Button, Stack, Text } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { ApiProblem, problemText } from "../../../api/problem";
import { NotAllowed } from "../../../components/not-allowed";
import { PageTitle } from "../../../components/page-title";
import { useAccountingOverview } from "../api/settings";
import { ACCOUNTING_RIGHT, useAccountingRights } from "./accounting-rights";
import { ConnectionSection } from "./connection-section";
import { ExpenseAccountsSection } from "./expense-accounts-section";
import { LinksSection } from "./links-section";
import { Notice } from "./notice";
import { RunActions } from "./run-actions";
import { SettingsForm } from "./settings-form";
import { WorkersSection } from "./workers-section";

function ConnectNotice({
  connected,
  connectError,
}: {
  connected: boolean;
  connectError?: string | undefined;
}) {
  if (connectError)
    return (
      <Notice tone="bad" heading="QuickBooks Online is not connected">
        {connectError.charAt(0).toUpperCase() + connectError.slice(1)}.
      </Notice>
    );
  if (connected)
    return (
      <Notice tone="good" heading="QuickBooks Online is connected">
        Transfers, imports and readiness checks now reach the firm's company.
      </Notice>
    );
  return null;
}

export function AccountingPage({
  connected = false,
  connectError,
}: {
  connected?: boolean;
  connectError?: string | undefined;
}) {
  const rights = useAccountingRights();
  const overview = useAccountingOverview(rights.read);
  if (!rights.read || (overview.error instanceof ApiProblem && overview.error.status === 403))
    return <NotAllowed what="Accounting" right={ACCOUNTING_RIGHT} />;
  const editable = rights.edit;
  const data = overview.data;
  return (
    <Stack maw={900}>
      <PageTitle
        title="Accounting"
        subtitle="Time, expenses and lists sent to the firm's books, through firmtime's connector."
        actions={
          <Button component={Link} to="/accounting/runs" variant="default">
            History
          </Button>
        }
      />
      <ConnectNotice connected={connected} connectError={connectError} />
      {overview.isPending ? <Text role="status">Loading the accounting settings…</Text> : null}
      {overview.isError ? <Notice tone="bad">{problemText(overview.error)}</Notice> : null}
      {data ? (
        <>
          <ConnectionSection
            connection={data.connection}
            usesQuickBooks={data.settings.target === "qbo"}
            editable={editable}
          />
          {rights.run ? <RunActions settings={data.settings} /> : null}
          <SettingsForm settings={data.settings} editable={editable} />
          <WorkersSection vendorStaffIds={data.vendorStaffIds} editable={editable} />
          <ExpenseAccountsSection expenseAccounts={data.expenseAccounts} editable={editable} />
          <LinksSection editable={editable} />
        </>
      ) : null}
    </Stack>
  );
}
