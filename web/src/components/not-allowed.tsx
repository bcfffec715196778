/**
 * What a page says to someone whose rights do not reach it: the server would refuse them anyway
 * (403); this says so in words, and where to go instead, rather than showing a broken page.
 */
import { Anchor, Paper, Stack, Text } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { PageTitle } from "./page-title";

export function NotAllowed({ what, right }: { what: string; right: string }) {
  return (
    <Stack maw={640}>
      <PageTitle title="Not allowed" />
      <Paper withBorder p="md" role="status">
        <Text fw={700} mb={4}>
          You may not open {what}
        </Text>
        <Text>
          It needs the {right} right, which your roles do not give. An Admin can give it to you.{" "}
          <Anchor component={Link} to="/">
            Go to your home page
          </Anchor>
          .
        </Text>
      </Paper>
    </Stack>
  );
}
