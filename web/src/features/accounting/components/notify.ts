/** A short green note that something was done, with a named close button (screen readers). */
import { notifications } from "@mantine/notifications";

export function notifyAccounting(message: string): void {
  notifications.show({ color: "green", message, closeButtonProps: { "aria-label": "Close the note" } });
}
