/** Where a signed-in person lands: who and where they are, and today. */
import { Paper, Stack, Text } from "@mantine/core";
import { PageTitle } from "../../../components/page-title";
import { useMe } from "../../../lib/me";

export function HomePage() {
  const me = useMe();
  const today = new Intl.DateTimeFormat(undefined, { dateStyle: "full" }).format(new Date());
  return (
    <Stack>
      <PageTitle title={me ? `Hello, ${me.name}` : "Hello"} subtitle={today} />
      <Paper withBorder p="md">
        <Text>
          You are signed in to {me?.firm.name} as {me?.email}.
        </Text>
      </Paper>
    </Stack>
  );
}
