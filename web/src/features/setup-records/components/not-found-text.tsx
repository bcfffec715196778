/** What an address under /setup that names no setup page shows. */
import { Stack, Text } from "@mantine/core";
import { PageTitle } from "../../../components/page-title";

export function NotFoundText() {
  return (
    <Stack>
      <PageTitle title="No such page" />
      <Text>There is no setup page at this address.</Text>
    </Stack>
  );
}
