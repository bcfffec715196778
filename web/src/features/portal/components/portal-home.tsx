/**
 * A contact's home: what waits for them (requests with items still to answer, documents to
 * approve), each a big tap target that leads straight to it. Nothing else of the firm's app.
 */
import { Alert, Badge, Button, Card, Group, Paper, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { problemText } from "../../../api/problem";
import { PageTitle } from "../../../components/page-title";
import { formatDate, formatDateTime } from "../../../lib/format";
import { useMe } from "../../../lib/me";
import { useWaiting } from "../api/waiting";

export function PortalHome() {
  const me = useMe();
  const waiting = useWaiting();
  const requests = waiting.data?.requests ?? [];
  const approvals = waiting.data?.approvals ?? [];
  return (
    <Stack gap="lg" maw={760}>
      <PageTitle title={me ? `Hello, ${me.name}` : "Hello"} subtitle={me?.firm.name} />
      {waiting.isError ? <Alert color="red">{problemText(waiting.error)}</Alert> : null}
      {waiting.isPending ? (
        <Text role="status">Loading what waits for you…</Text>
      ) : requests.length === 0 && approvals.length === 0 ? (
        <Paper withBorder p="md">
          <Text>
            Nothing waits for you. When {me?.firm.name ?? "the firm"} asks you for something, it shows here.
          </Text>
        </Paper>
      ) : null}
      {requests.length > 0 ? (
        <Stack gap="sm" component="section" aria-labelledby="requests-title">
          <Title order={2} size="h3" id="requests-title">
            Documents asked of you
          </Title>
          {requests.map((request) => (
            <Card key={request.id} withBorder padding="md">
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={0}>
                    <Text fw={600}>{request.subject}</Text>
                    <Text size="sm" c="dark.4">
                      {request.clientName}
                    </Text>
                  </Stack>
                  <Badge
                    color={request.status === "open" ? "red.9" : "blue.8"}
                    variant="filled"
                    style={{ flexShrink: 0 }}
                  >
                    {request.items.length} to do
                  </Badge>
                </Group>
                {/* Each item a big tap target straight to its card on the request's page. */}
                <Stack gap={6} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                  {request.items.map((item) => (
                    <li key={item.id}>
                      <UnstyledButton
                        component={Link}
                        to={`/requests/${request.id}`}
                        hash={`item-${item.id}`}
                        w="100%"
                        mih={48}
                        px="sm"
                        py={8}
                        display="block"
                        style={{ border: "1px solid var(--mantine-color-gray-5)", borderRadius: 8 }}
                      >
                        <Text size="sm" fw={500}>
                          {item.title}
                        </Text>
                        {item.dueDate ? (
                          <Text size="xs" c="dark.4">
                            by {formatDate(item.dueDate)}
                          </Text>
                        ) : null}
                      </UnstyledButton>
                    </li>
                  ))}
                </Stack>
                <Button
                  component={Link}
                  to={`/requests/${request.id}`}
                  size="md"
                  fullWidth
                  aria-label={`Open ${request.subject}`}
                >
                  {request.mayUpload ? "Send the documents" : "Open"}
                </Button>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : null}
      {approvals.length > 0 ? (
        <Stack gap="sm" component="section" aria-labelledby="approvals-title">
          <Title order={2} size="h3" id="approvals-title">
            Documents to approve
          </Title>
          {approvals.map((approval) => (
            <Card key={approval.id} withBorder padding="md">
              <Stack gap="xs">
                <Text fw={600}>{approval.fileName}</Text>
                <Text size="sm" c="dark.4">
                  {approval.clientName} · asked {formatDateTime(approval.requestedAt)}
                </Text>
                {approval.message ? <Text size="sm">{approval.message}</Text> : null}
                <Button
                  component={Link}
                  to={`/approvals/${approval.id}`}
                  size="md"
                  fullWidth
                  aria-label={`Review ${approval.fileName}`}
                >
                  Review and decide
                </Button>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
