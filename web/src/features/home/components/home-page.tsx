/** Where a signed-in person lands: who and where they are, today, and what the app adds (widgets). */
import { Paper, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { PageTitle } from "../../../components/page-title";
import { useMe } from "../../../lib/me";

export function HomePage({ widgets }: { widgets?: ReactNode }) {
  const me = useMe();
  const today = new Intl.DateTimeFormat(undefined, { dateStyle: "full" }).format(new Date());
  return (
    <Stack>
      <PageTitle title={me ? `Hello, ${me.name}` : "Hello"} subtitle={today} />
      {widgets}
      <Paper withBorder p="md">
        <Text size="sm">
          You are signed in to {me?.firm.name} as {me?.email}.
        </Text>
      </Paper>
    </Stack>
  );
}
