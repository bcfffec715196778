/**
 * The connection state in the frame of every signed-in page on a desktop: Offline, Online,
 * Merge notification or Merge conflicts, with the counts behind it, kept current by the
 * server's events. It leads to the connection page. The cloud has no such state: nothing shows.
 */
import { Badge, Text, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useFirmInfo } from "../../../lib/firm-info";
import { useConnectionStatus, useConnectionStream } from "../api/connection-state";
import { countsInWords, STATE_COLOURS } from "./connection-words";

export function ConnectionBadge() {
  const firm = useFirmInfo();
  const desktop = Boolean(firm.data?.desktop);
  const { connected } = useConnectionStream(desktop);
  const status = useConnectionStatus(desktop);
  if (!desktop || !status.data) return null;
  const { state } = status.data;
  const counts = countsInWords(status.data);
  return (
    <>
      <UnstyledButton
        component={Link}
        to="/connection"
        aria-label={`Connection: ${state}${counts ? `, ${counts}` : ""}. Details`}
      >
        <Badge
          color={connected ? STATE_COLOURS[state] : "gray.8"}
          variant="filled"
          size="lg"
          radius="sm"
          data-merge-state={state}
          styles={{ label: { textTransform: "none", overflow: "visible" } }}
        >
          {connected ? state : "Local app unreachable"}
          {counts ? (
            <Text span size="xs" fw={500} visibleFrom="sm">
              {` · ${counts}`}
            </Text>
          ) : null}
        </Badge>
      </UnstyledButton>
      <VisuallyHidden aria-live="polite">{`Connection: ${state}`}</VisuallyHidden>
    </>
  );
}
