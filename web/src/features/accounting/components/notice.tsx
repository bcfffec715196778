/**
 * A notice on an accounting page: a bordered panel whose words keep the page's own colours (a
 * Mantine Alert's tinted text and background fall below AA contrast in several colours), with the
 * border's colour and an optional bold heading saying what kind of news it is.
 */
import { Paper, Text } from "@mantine/core";
import type { ReactNode } from "react";

const BORDER = { good: "teal.9", bad: "red.9", info: "blue.8", waiting: "yellow.8" } as const;

export function Notice({
  tone,
  heading,
  children,
}: {
  tone: keyof typeof BORDER;
  heading?: string;
  children: ReactNode;
}) {
  const color = BORDER[tone].replace(".", "-");
  return (
    <Paper
      withBorder
      p="sm"
      role={tone === "bad" ? "alert" : "status"}
      style={{ borderLeft: `4px solid var(--mantine-color-${color})` }}
    >
      {heading ? (
        <Text fw={700} size="sm" mb={2}>
          {heading}
        </Text>
      ) : null}
      <Text size="sm" component="div">
        {children}
      </Text>
    </Paper>
  );
}
