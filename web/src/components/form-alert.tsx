/** A form's message about itself as a whole (not about one field), announced to screen readers. */
import { Alert } from "@mantine/core";

export function FormAlert({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" role="alert" p="sm">
      {message}
    </Alert>
  );
}
