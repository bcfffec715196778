/**
 * What a page says to someone whose rights do not reach it: the server would refuse them anyway
 * (403); this says so in words, and where to go instead, rather than showing a broken page.
 */
import { Alert, Anchor, Stack } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { PageTitle } from "./page-title";

export function NotAllowed({ what, right }: { what: string; right: string }) {
  return (
    <Stack maw={640}>
      <PageTitle title="Not allowed" />
      <Alert color="blue" title={`You may not open ${what}`}>
        It needs the {right} right, which your roles do not give. An Admin can give it to you.{" "}
        <Anchor component={Link} to="/">
          Go to your home page
        </Anchor>
        .
      </Alert>
    </Stack>
  );
}
