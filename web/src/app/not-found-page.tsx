/** An address inside the firm's app that is no page of it. */
import { Anchor, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";

export function NotFoundPage() {
  return (
    <Stack p="md" component="main">
      <Title order={1} size="h2">
        No such page
      </Title>
      <Text>This address is not a page of firmtime. It may have moved, or the link may be incomplete.</Text>
      <Anchor component={Link} to="/">
        Go to the home page
      </Anchor>
    </Stack>
  );
}
