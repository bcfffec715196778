/**
 * The firm's QuickBooks Online connection: its state in words and what to do about it, and the
 * button that sends the browser to Intuit's consent page (the server names the page; Intuit sends
 * the browser back to /accounting?connected=1 or ?connectError=…).
 */
import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { ApiProblem, problemText } from "../../../api/problem";
import { formatDateTime } from "../../../lib/format";
import { ConfirmButton } from "../../../components/confirm-button";
import {
  useConnectQuickBooks,
  useDisconnectQuickBooks,
  type AccountingOverview,
  type ConnectionState,
} from "../api/settings";

const STATE: Record<ConnectionState, { words: string; color: string }> = {
  none: { words: "Not connected", color: "gray.7" },
  connecting: { words: "Connecting", color: "blue.8" },
  connected: { words: "Connected", color: "teal.9" },
  reconnect: { words: "Connect again", color: "red.9" },
};

function stateText(connection: AccountingOverview["connection"]): string {
  switch (connection.state) {
    case "none":
      return "firmtime is not connected to a QuickBooks Online company. Connect it: you sign in at Intuit and allow firmtime to reach the firm's company.";
    case "connecting":
      return "Intuit's consent page was opened but not finished. If it was closed or timed out, connect again.";
    case "connected":
      return `Connected to company ${connection.realmId ?? ""}${connection.connectedAt ? ` since ${formatDateTime(connection.connectedAt)}` : ""}. Transfers and imports go to this company.`;
    case "reconnect":
      return `QuickBooks Online no longer accepts firmtime's connection${connection.lastError ? ` (${connection.lastError})` : ""}. Nothing moves until an Admin connects again.`;
  }
}

/** The server's 409 PREREQUISITES means this server has no QuickBooks app: say who can fix it. */
function connectProblem(error: unknown): string {
  if (error instanceof ApiProblem && error.code === "PREREQUISITES")
    return "This server has no QuickBooks Online app set up, so it cannot connect. Ask whoever runs firmtime to set FIRMTIME_QBO_CLIENT_ID and FIRMTIME_QBO_CLIENT_SECRET.";
  return problemText(error);
}

export function ConnectionSection({
  connection,
  usesQuickBooks,
  editable,
}: {
  connection: AccountingOverview["connection"];
  usesQuickBooks: boolean;
  editable: boolean;
}) {
  const connect = useConnectQuickBooks();
  const disconnect = useDisconnectQuickBooks();
  const state = STATE[connection.state];
  const start = () =>
    connect.mutate(undefined, {
      // Leaving the app: Intuit's page, then back to this page with the outcome.
      onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl),
    });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="connection-title">
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={2} size="h4" id="connection-title">
            QuickBooks Online
          </Title>
          <Badge color={state.color} variant="filled">
            {state.words}
          </Badge>
        </Group>
        <Text size="sm">{stateText(connection)}</Text>
        {usesQuickBooks ? null : (
          <Text size="sm" c="dimmed">
            The firm's books are set to files (below), so no connection is needed for exports.
          </Text>
        )}
        {editable ? (
          <Stack gap={4} align="flex-start">
            <Group gap="sm">
              <Button
                onClick={start}
                loading={connect.isPending || connect.isSuccess}
                variant={connection.state === "connected" ? "default" : "filled"}
                aria-describedby={connect.isError ? "connect-problem" : undefined}
              >
                {connection.state === "none" ? "Connect QuickBooks Online" : "Connect again"}
              </Button>
              {connection.state === "none" ? null : (
                <ConfirmButton
                  label="Disconnect"
                  name="Disconnect QuickBooks Online"
                  question="firmtime forgets its access to the company. Nothing moves to or from QuickBooks Online until an Admin connects again. Links between records and the run history stay."
                  confirmLabel="Disconnect"
                  onConfirm={() => disconnect.mutateAsync()}
                />
              )}
            </Group>
            {connect.isError ? (
              <Text size="sm" c="red.8" role="alert" id="connect-problem">
                {connectProblem(connect.error)}
              </Text>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
