/** The frame of the pages a person sees before signing in: one card, centred, phone-first. */
import { Anchor, Box, Center, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

export function PublicPage({
  title,
  firmName,
  children,
  footer,
}: {
  title: string;
  firmName?: string | undefined;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Box w="100%" maw={420} component="main">
        <Stack gap="xs" mb="md" align="center">
          <Anchor href="/" underline="never" fw={700} fz="lg" c="blue.8">
            firmtime
          </Anchor>
          {firmName ? (
            <Text c="dimmed" size="sm" ta="center">
              {firmName}
            </Text>
          ) : null}
        </Stack>
        <Paper withBorder shadow="sm" p="lg">
          <Title order={1} size="h3" mb="md">
            {title}
          </Title>
          {children}
        </Paper>
        {footer ? (
          <Stack gap={4} mt="md" align="center">
            {footer}
          </Stack>
        ) : null}
      </Box>
    </Center>
  );
}
