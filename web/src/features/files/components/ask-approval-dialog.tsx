/**
 * Staff ask one of the client's portal contacts to approve a shared file's current version; once
 * asked, the dialog links to the approval's page (features/document-approvals, by its address).
 * A refusal is said beside the field it is about.
 */
import { Anchor, Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { ApiProblem, problemField, problemText } from "../../../api/problem";
import { useAskApproval } from "../api/ask-approval";
import type { Approval, EntityFile } from "../api/file-types";
import { usePortalContacts } from "../api/get-portal-contacts";

export function AskApprovalDialog({
  file,
  opened,
  onClose,
}: {
  file: EntityFile;
  opened: boolean;
  onClose: () => void;
}) {
  const contacts = usePortalContacts(file.clientId, opened);
  const ask = useAskApproval(file.id);
  const [contactId, setContactId] = useState("");
  const [message, setMessage] = useState("");
  const [missing, setMissing] = useState(false);
  const [asked, setAsked] = useState<Approval | null>(null);
  const problem = ask.error;
  const field = problem instanceof ApiProblem ? problemField(problem, ["contactId", "message"]) : null;
  const close = () => {
    setAsked(null);
    ask.reset();
    onClose();
  };
  const options = (contacts.data?.items ?? []).map((contact) => ({
    value: contact.contactId,
    label: `${contact.name} (${contact.email})${contact.status === "invited" ? ", has not signed in yet" : ""}`,
  }));
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={`Ask to approve ${file.name}`}
      closeButtonProps={{ "aria-label": "Close" }}
    >
      {asked ? (
        <Stack>
          <Text role="status">
            {asked.contact.name} is asked to approve version {asked.version.version}; an email is on its way.
          </Text>
          <Anchor component={Link} to={`/approvals/${asked.id}`}>
            Open the approval
          </Anchor>
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!contactId) return setMissing(true);
            ask.mutate({ contactId, message: message.trim() }, { onSuccess: setAsked });
          }}
        >
          <Stack>
            <Text size="sm">
              The contact reads version {file.current.version} and approves or declines it; the decision is
              kept with the version&apos;s SHA-256.
            </Text>
            <NativeSelect
              label="Who approves"
              required
              value={contactId}
              onChange={(event) => {
                setContactId(event.currentTarget.value);
                setMissing(false);
              }}
              data={[{ value: "", label: contacts.isPending ? "Loading…" : "Choose a contact" }, ...options]}
              description={
                contacts.data && options.length === 0
                  ? "Nobody of this client has a portal account yet: invite a contact first."
                  : undefined
              }
              error={
                missing
                  ? "Choose who approves"
                  : contacts.isError
                    ? problemText(contacts.error)
                    : field === "contactId" || (problem && field === null)
                      ? problemText(problem)
                      : undefined
              }
            />
            <Textarea
              label="Message"
              description="Sent with the email."
              autosize
              minRows={2}
              value={message}
              onChange={(event) => setMessage(event.currentTarget.value)}
              error={field === "message" ? problemText(problem) : undefined}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={ask.isPending}>
                Ask to approve
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
