/**
 * Returning entries to their staff member: a comment is required (the staff member reads it on
 * the entry); an empty one is refused beside the field and nothing is sent.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { FormAlert } from "../../../components/form-alert";
import { showProblem } from "../../../lib/form-problems";

const schema = z.object({
  comment: z
    .string()
    .trim()
    .min(1, "Write why the entries go back: the staff member reads it on each entry")
    .max(2000, "Keep the comment to 2,000 characters"),
});
type ReturnValues = z.infer<typeof schema>;

export function ReturnDialog({
  opened,
  count,
  onClose,
  onReturn,
}: {
  opened: boolean;
  count: number;
  onClose: () => void;
  /** Sends the decision; throws the API's problem when it is refused. */
  onReturn: (comment: string) => Promise<void>;
}) {
  const form = useForm<ReturnValues>({ resolver: zodResolver(schema), defaultValues: { comment: "" } });
  const { errors, isSubmitting } = form.formState;
  const close = () => {
    form.reset();
    onClose();
  };
  const submit = form.handleSubmit(async ({ comment }) => {
    try {
      await onReturn(comment);
      close();
    } catch (error) {
      showProblem(error, form.setError, ["comment"]);
    }
  });
  const entries = count === 1 ? "1 entry" : `${count} entries`;
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={`Return ${entries} to the staff member`}
      closeButtonProps={{ "aria-label": "Close" }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Text size="sm">
            Returned entries become drafts again; the comment stays on them until they are submitted again.
          </Text>
          <Textarea
            label="Comment for the staff member"
            required
            autosize
            minRows={3}
            data-autofocus
            error={errors.comment?.message}
            {...form.register("comment")}
          />
          <FormAlert message={errors.root?.server?.message} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={isSubmitting}>
              Return {entries}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
