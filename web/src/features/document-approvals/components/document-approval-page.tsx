/**
 * A document to approve, as the emailed link and a contact's home open it (/approvals/{id}): the
 * version asked about (to download and read), and Approve / Decline with a comment (declining
 * needs one). Once decided it is a record: who, when, from which address, the comment and the
 * version's SHA-256, with no buttons. Staff see the same record and may withdraw a pending one.
 */
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { firmApiBase } from "../../../api/client";
import { ApiProblem, problemText } from "../../../api/problem";
import { PageTitle } from "../../../components/page-title";
import { useFirm } from "../../../lib/firm-context";
import { formatDateTime } from "../../../lib/format";
import { mayDo, useMe } from "../../../lib/me";
import {
  useDecideApproval,
  useDocumentApproval,
  useWithdrawApproval,
  type DocumentApproval,
} from "../api/approval";

const STATUS = {
  pending: { words: "Waiting for a decision", color: "red.9" },
  approved: { words: "Approved", color: "teal.9" },
  declined: { words: "Declined", color: "gray.7" },
  cancelled: { words: "Withdrawn", color: "gray.7" },
} as const;

export function DocumentApprovalPage({ approvalId }: { approvalId: string }) {
  const approval = useDocumentApproval(approvalId);
  if (approval.isPending) return <Text role="status">Loading the document…</Text>;
  if (approval.isError)
    return (
      <Stack>
        <PageTitle title="Document to approve" />
        <Alert color="red" title="This document cannot be shown">
          {approval.error instanceof ApiProblem && approval.error.status === 404
            ? "There is no such approval, or it was not asked of you."
            : problemText(approval.error)}
        </Alert>
      </Stack>
    );
  return <ApprovalView approval={approval.data} />;
}

function ApprovalView({ approval }: { approval: DocumentApproval }) {
  const { slug } = useFirm();
  const me = useMe();
  const status = STATUS[approval.status];
  const pending = approval.status === "pending";
  const contact = me?.contactId != null;
  const download = `${firmApiBase(slug)}/files/${approval.file.id}/versions/${approval.version.id}/content`;
  return (
    <Stack gap="lg" maw={760}>
      <PageTitle
        title={approval.file.name}
        subtitle={`Asked by ${approval.requestedBy.name} on ${formatDateTime(approval.requestedAt)}`}
      />
      <Group gap="sm">
        <Badge color={status.color} variant="filled" size="lg">
          {status.words}
        </Badge>
        {contact ? null : <Text size="sm">Asked of {approval.contact.name}</Text>}
      </Group>
      {approval.message ? <Text style={{ whiteSpace: "pre-wrap" }}>{approval.message}</Text> : null}
      <Paper withBorder p="md">
        <Stack gap={4}>
          <Text size="sm">
            Version {approval.version.version}: <Anchor href={download}>{approval.version.fileName}</Anchor>
          </Text>
          {approval.newerVersion ? (
            <Text size="sm">
              A newer version of this file exists; the decision is about version {approval.version.version}.
            </Text>
          ) : null}
          <Text size="xs" c="dark.4" style={{ wordBreak: "break-all" }}>
            SHA-256 {approval.version.sha256}
          </Text>
        </Stack>
      </Paper>
      {pending && contact ? <Decision approval={approval} /> : null}
      {pending && !contact && mayDo(me, "files", "E") ? <Withdraw approval={approval} /> : null}
      {pending ? null : <DecisionRecord approval={approval} />}
    </Stack>
  );
}

function Decision({ approval }: { approval: DocumentApproval }) {
  const decide = useDecideApproval(approval.id);
  const [comment, setComment] = useState("");
  const [missing, setMissing] = useState(false);
  const send = (decision: "approved" | "declined") => {
    if (decision === "declined" && !comment.trim()) {
      setMissing(true);
      return;
    }
    decide.mutate({ decision, comment: comment.trim() });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="decide-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="decide-title">
          Your decision
        </Title>
        <Text size="sm">
          Read the document first. Your decision is kept with the date and cannot be changed.
        </Text>
        <Textarea
          label="Comment"
          description="Needed when you decline: say what should change."
          autosize
          minRows={2}
          value={comment}
          onChange={(event) => {
            setComment(event.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? "Say why you decline" : decide.isError ? problemText(decide.error) : undefined}
        />
        <Group gap="xs" grow>
          <Button
            size="md"
            onClick={() => send("approved")}
            loading={decide.isPending && decide.variables?.decision === "approved"}
          >
            Approve
          </Button>
          <Button
            size="md"
            variant="outline"
            color="red.9"
            onClick={() => send("declined")}
            loading={decide.isPending && decide.variables?.decision === "declined"}
          >
            Decline
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Withdraw({ approval }: { approval: DocumentApproval }) {
  const withdraw = useWithdrawApproval(approval.id);
  return (
    <Stack gap={4} align="flex-start">
      <Button variant="outline" color="red.9" onClick={() => withdraw.mutate()} loading={withdraw.isPending}>
        Withdraw the request
      </Button>
      {withdraw.isError ? (
        <Text size="sm" c="red.8" role="alert">
          {problemText(withdraw.error)}
        </Text>
      ) : null}
    </Stack>
  );
}

function DecisionRecord({ approval }: { approval: DocumentApproval }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="record-title">
      <Stack gap={4}>
        <Title order={2} size="h4" id="record-title">
          The record
        </Title>
        <Text size="sm">
          {approval.status === "cancelled"
            ? "Withdrawn by the firm: nothing is to decide any more."
            : `${STATUS[approval.status].words} by ${approval.decidedBy?.name ?? "someone"}${approval.decidedAt ? ` on ${formatDateTime(approval.decidedAt)}` : ""}${approval.decidedFrom ? `, from ${approval.decidedFrom}` : ""}.`}
        </Text>
        {approval.comment ? (
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            “{approval.comment}”
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
