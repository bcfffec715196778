/**
 * One file request, for the firm's staff and for the client's contact, each in their own words.
 * The contact answers each item on the spot: a photo from the phone's camera or a file, sent with
 * its progress, or a comment. Staff accept an answer, return it with a comment, or cancel an item;
 * complete, cancel or remind for the whole request; and read its history.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  List,
  Modal,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { firmApiBase } from "../../../api/client";
import { ApiProblem, problemText } from "../../../api/problem";
import { PageTitle } from "../../../components/page-title";
import { useFirm } from "../../../lib/firm-context";
import { useMe } from "../../../lib/me";
import { formatDate, formatDateTime } from "../../../lib/format";
import {
  useActivity,
  useItemComment,
  useItemDecision,
  useItemUpload,
  useRequest,
  useRequestAction,
  type FileRequest,
  type ItemDecision,
  type RequestItem,
} from "../api/requests";
import {
  formatSize,
  itemActionWords,
  itemStatusWords,
  requestStatusWords,
  STATUS_COLOR,
} from "./request-words";

/** What a phone's camera or a file picker may offer: the documents the firm accepts. */
const DOCUMENTS =
  "application/pdf,image/*,.heic,.docx,.xlsx,.pptx,.odt,.ods,.doc,.xls,.ppt,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const closed = (status: string) => status === "completed" || status === "cancelled";

export function RequestPage({ requestId }: { requestId: string }) {
  const request = useRequest(requestId);
  if (request.isPending) return <Text role="status">Loading the request…</Text>;
  if (request.isError) {
    const problem = request.error;
    return (
      <Stack>
        <PageTitle title="Request" />
        <Alert color="red" title="This request cannot be shown">
          {problem instanceof ApiProblem && problem.status === 404
            ? "There is no such request, or it was not sent to you."
            : problemText(problem)}
        </Alert>
      </Stack>
    );
  }
  return <RequestView request={request.data} />;
}

function RequestView({ request }: { request: FileRequest }) {
  const side = request.you.side;
  // A request email's link opens this request only: no downloads, no history, from there.
  const linkSession = Boolean(useMe()?.requestOnly);
  const answered = request.items.filter((item) => item.status !== "open").length;
  return (
    <Stack gap="lg">
      <PageTitle
        title={request.subject}
        subtitle={`${request.client.name} · asked by ${request.createdBy.name} on ${formatDateTime(request.createdAt)}`}
      />
      <Group gap="sm">
        <Badge color={STATUS_COLOR[request.status]} variant="filled" size="lg">
          {requestStatusWords(side, request.status)}
        </Badge>
        <Text size="sm">
          {answered} of {request.items.length} answered
        </Text>
        {closed(request.status) && request.closedAt ? (
          <Text size="sm">
            {request.status === "completed" ? "Completed" : "Cancelled"} on {formatDateTime(request.closedAt)}
            .
          </Text>
        ) : null}
      </Group>
      {request.description ? <Text style={{ whiteSpace: "pre-wrap" }}>{request.description}</Text> : null}
      {request.you.mayManage ? <StaffActions request={request} /> : null}
      {side === "contact" && !request.you.mayUpload && !closed(request.status) ? (
        <Alert color="blue">You can comment; the firm asked a colleague to upload.</Alert>
      ) : null}
      <Stack gap="md" component="section" aria-label="What is asked">
        {request.items.map((item) => (
          <ItemCard key={item.id} request={request} item={item} linkSession={linkSession} />
        ))}
      </Stack>
      {linkSession ? null : <History request={request} />}
    </Stack>
  );
}

/** When the last reminder went (the request's history says), for "Remind now". */
function useLastReminder(request: FileRequest): string | null {
  const activity = useActivity(request.client.id, request.id);
  const last = activity.data?.items.find((event) => event.kind === "request.reminded");
  return last ? last.at : null;
}

function reminderWords(request: FileRequest, lastAt: string | null): string {
  const { everyDays, max, sent, nextAt } = request.reminders;
  const last = lastAt ? `The last reminder went on ${formatDateTime(lastAt)}.` : "No reminder has gone yet.";
  if (!everyDays) return `${last} No scheduled reminders.`;
  const left = Math.max(0, max - sent);
  const every = `every ${everyDays} day${everyDays === 1 ? "" : "s"}`;
  const next = nextAt ? `, the next on ${formatDateTime(nextAt)}` : "";
  return `${last} Reminders ${every}: ${sent} of ${max} sent, ${left} left${next}.`;
}

function StaffActions({ request }: { request: FileRequest }) {
  const action = useRequestAction(request.id);
  const lastReminder = useLastReminder(request);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const run = (what: "complete" | "cancel" | "remind") =>
    action.mutate(what, {
      onSuccess: () =>
        setDone(
          what === "remind"
            ? "A reminder is on its way."
            : what === "complete"
              ? "The request is completed."
              : "The request is cancelled.",
        ),
    });
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Text size="sm">Sent to {request.recipients.map((r) => r.name).join(", ") || "nobody"}.</Text>
        <Text size="sm">{reminderWords(request, lastReminder)}</Text>
        <Group gap="xs">
          <Button
            onClick={() => run("complete")}
            loading={action.isPending && action.variables === "complete"}
          >
            Complete request
          </Button>
          {/* Reminders go only while the client owes an answer (the server says so too). */}
          {request.status === "open" ? (
            <Button
              variant="default"
              onClick={() => run("remind")}
              loading={action.isPending && action.variables === "remind"}
            >
              Remind now
            </Button>
          ) : null}
          <Button variant="outline" color="red" onClick={() => setConfirmCancel(true)}>
            Cancel request
          </Button>
        </Group>
        {action.isError ? (
          <Text c="red.8" size="sm" role="alert">
            {problemText(action.error)}
          </Text>
        ) : done ? (
          <Text size="sm" role="status">
            {done}
          </Text>
        ) : null}
      </Stack>
      <Modal
        opened={confirmCancel}
        onClose={() => setConfirmCancel(false)}
        title="Cancel this request?"
        closeButtonProps={{ "aria-label": "Close" }}
      >
        <Stack>
          <Text size="sm">
            The client is told it is no longer needed, reminders stop, and nothing more can be sent to it.
            What was sent stays with the client&apos;s files.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmCancel(false)}>
              Keep it
            </Button>
            <Button
              color="red"
              onClick={() => {
                setConfirmCancel(false);
                run("cancel");
              }}
            >
              Cancel request
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function ItemCard({
  request,
  item,
  linkSession,
}: {
  request: FileRequest;
  item: RequestItem;
  linkSession: boolean;
}) {
  const { slug } = useFirm();
  const side = request.you.side;
  const titleId = `item-${item.id}`;
  const open = !closed(request.status) && !closed(item.status);
  const downloadUrl = (upload: { fileId: string; versionId: string }) =>
    `${firmApiBase(slug)}/files/${upload.fileId}/versions/${upload.versionId}/content`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={titleId}>
      <Stack gap="sm">
        {/* The status goes under the title when both do not fit (a long status on a phone). */}
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2} style={{ flex: "1 1 180px" }}>
            <Title order={2} size="h4" id={titleId}>
              {item.position}. {item.title}
            </Title>
            <Text size="sm" c="dimmed">
              {itemActionWords(item.action, item.file?.name)}
              {item.dueDate ? ` · by ${formatDate(item.dueDate)}` : ""}
            </Text>
          </Stack>
          <Badge color={STATUS_COLOR[item.status]} variant="filled" style={{ flexShrink: 0 }}>
            {itemStatusWords(side, item.status)}
          </Badge>
        </Group>
        {item.file ? (
          <Text size="sm">
            Attached:{" "}
            {linkSession ? (
              item.file.name
            ) : (
              <Anchor href={`${firmApiBase(slug)}/files/${item.file.id}/content`}>{item.file.name}</Anchor>
            )}
          </Text>
        ) : null}
        {item.uploads.length > 0 ? (
          <List size="sm" spacing={4} aria-label={`Files sent for ${item.title}`}>
            {item.uploads.map((upload) => (
              <List.Item key={upload.versionId}>
                {linkSession ? (
                  upload.fileName
                ) : (
                  <Anchor href={downloadUrl(upload)}>{upload.fileName}</Anchor>
                )}{" "}
                ({formatSize(upload.size)}) — sent by {upload.uploadedBy.name},{" "}
                {formatDateTime(upload.uploadedAt)}
              </List.Item>
            ))}
          </List>
        ) : null}
        {item.comments.length > 0 ? (
          <Stack
            gap={6}
            aria-label={`Comments on ${item.title}`}
            component="ul"
            style={{ listStyle: "none", padding: 0, margin: 0 }}
          >
            {item.comments.map((comment) => (
              <Paper
                key={comment.id}
                component="li"
                bg={comment.author.side === "staff" ? "blue.0" : "gray.0"}
                p="xs"
              >
                <Text size="xs" c="dark.4">
                  {comment.author.name}
                  {comment.author.side === "staff" ? " (firm)" : ""} · {formatDateTime(comment.createdAt)}
                </Text>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {comment.body}
                </Text>
              </Paper>
            ))}
          </Stack>
        ) : null}
        {open && request.you.mayUpload ? <ItemUpload request={request} item={item} /> : null}
        {open && request.you.mayManage ? <ItemDecisions request={request} item={item} /> : null}
        {!closed(request.status) && request.you.mayComment ? (
          <ItemComment request={request} item={item} />
        ) : null}
      </Stack>
    </Card>
  );
}

function ItemUpload({ request, item }: { request: FileRequest; item: RequestItem }) {
  const upload = useItemUpload(request.id, item.id);
  const [progress, setProgress] = useState<number | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const send = (file: File | null) => {
    if (!file) return;
    setSent(null);
    setProgress(0);
    upload.mutate(
      {
        file,
        onProgress: ({ sent: done, total }) => setProgress(total > 0 ? Math.round((done * 100) / total) : 0),
      },
      {
        onSuccess: () => setSent(`${file.name} is sent.`),
        onSettled: () => setProgress(null),
      },
    );
  };
  const again = item.uploads.length > 0;
  return (
    <Stack gap="xs">
      {/* One big button a row on a phone (the photo first), side by side from a small tablet up. */}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
        <FileButton
          onChange={send}
          accept="image/*"
          capture="environment"
          inputProps={{ "aria-label": `Take a photo for ${item.title}` }}
        >
          {(props) => (
            <Button {...props} size="md" disabled={upload.isPending} hiddenFrom="md">
              Take a photo
            </Button>
          )}
        </FileButton>
        <FileButton
          onChange={send}
          accept={DOCUMENTS}
          inputProps={{ "aria-label": `Upload a file for ${item.title}` }}
        >
          {(props) => (
            <Button {...props} size="md" variant={again ? "default" : "filled"} disabled={upload.isPending}>
              {again ? "Upload another file" : "Upload a file"}
            </Button>
          )}
        </FileButton>
      </SimpleGrid>
      {progress !== null ? (
        <Stack gap={2}>
          <Progress value={progress} aria-label={`Sending for ${item.title}`} size="lg" />
          <Text size="xs" role="status">
            Sending… {progress}%
          </Text>
        </Stack>
      ) : null}
      {upload.isError ? (
        <Text c="red.8" size="sm" role="alert">
          {problemText(upload.error)}
        </Text>
      ) : sent ? (
        <Text c="teal.9" size="sm" role="status">
          {sent}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Staff on an item still open or answered: accept it, return an answer, or drop the item. */
function ItemDecisions({ request, item }: { request: FileRequest; item: RequestItem }) {
  const decide = useItemDecision(request.id, item.id);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState("");
  const [missing, setMissing] = useState(false);
  const run = (decision: ItemDecision, words?: string) =>
    decide.mutate(
      { decision, ...(words ? { comment: words } : {}) },
      {
        onSuccess: () => {
          setReturning(false);
          setComment("");
        },
      },
    );
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button
          size="sm"
          onClick={() => run("complete")}
          loading={decide.isPending && decide.variables?.decision === "complete"}
        >
          Accept
        </Button>
        {item.status === "responded" ? (
          <Button size="sm" variant="default" onClick={() => setReturning(true)}>
            Return…
          </Button>
        ) : null}
        <Button size="sm" variant="subtle" color="red" onClick={() => run("cancel")}>
          Cancel item
        </Button>
      </Group>
      {decide.isError && !returning ? (
        <Text c="red.8" size="sm" role="alert">
          {problemText(decide.error)}
        </Text>
      ) : null}
      <Modal
        opened={returning}
        onClose={() => setReturning(false)}
        title={`Return “${item.title}”`}
        closeButtonProps={{ "aria-label": "Close" }}
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!comment.trim()) {
              setMissing(true);
              return;
            }
            run("return", comment.trim());
          }}
          noValidate
        >
          <Stack>
            <Textarea
              label="What the client should do"
              description="The client reads this in the request and in the email."
              required
              autosize
              minRows={3}
              value={comment}
              onChange={(event) => {
                setComment(event.currentTarget.value);
                setMissing(false);
              }}
              error={
                missing
                  ? "Say what is wrong or missing"
                  : decide.isError
                    ? problemText(decide.error)
                    : undefined
              }
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setReturning(false)}>
                Keep it
              </Button>
              <Button type="submit" loading={decide.isPending}>
                Return to the client
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}

function ItemComment({ request, item }: { request: FileRequest; item: RequestItem }) {
  const comment = useItemComment(request.id, item.id);
  const [body, setBody] = useState("");
  const [missing, setMissing] = useState(false);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!body.trim()) {
          setMissing(true);
          return;
        }
        comment.mutate(body.trim(), { onSuccess: () => setBody("") });
      }}
      noValidate
    >
      <Stack gap={6}>
        <Textarea
          label={`Comment on “${item.title}”`}
          autosize
          minRows={1}
          maxRows={6}
          value={body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? "Write a comment first" : comment.isError ? problemText(comment.error) : undefined}
        />
        <Group justify="flex-end">
          <Button type="submit" variant="light" size="sm" loading={comment.isPending}>
            Send comment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function History({ request }: { request: FileRequest }) {
  const activity = useActivity(request.client.id, request.id);
  const events = activity.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="history-title">
      <Title order={2} size="h4" id="history-title" mb="xs">
        History
      </Title>
      {activity.isError ? (
        <Text size="sm" c="red.8">
          {problemText(activity.error)}
        </Text>
      ) : events.length === 0 ? (
        <Text size="sm">{activity.isPending ? "Loading…" : "Nothing yet."}</Text>
      ) : (
        <List size="sm" spacing={4}>
          {events.map((event) => (
            <List.Item key={event.id}>
              <Text span size="xs" c="dark.4">
                {formatDateTime(event.at)}
              </Text>{" "}
              {event.summary}
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}
