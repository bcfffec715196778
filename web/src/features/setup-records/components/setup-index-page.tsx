/** The firm's records to set up, each shown when the person may read it. */
import { Card, SimpleGrid, Stack, Text } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { PageTitle } from "../../../components/page-title";
import { useMe } from "../../../lib/me";
import { SETUP_PAGES } from "../setup-rights";
import { setupPath } from "./setup-parts";

export function SetupIndexPage() {
  const me = useMe();
  const pages = me ? SETUP_PAGES.filter((page) => page.shows(me)) : [];
  return (
    <Stack>
      <PageTitle title="Setup" subtitle="The firm's records" />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {pages.map((page) => (
          <Card key={page.kind} withBorder component={Link} to={setupPath(page.kind)} padding="md">
            <Text fw={600} c="blue.8">
              {page.title}
            </Text>
            <Text size="sm" c="dimmed">
              {page.about}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
