/** A grid row's name: the client, the project if any, and the work code. */
import { Stack, Text } from "@mantine/core";
import { clientLabel, useClient, useProject, useWorkCodes, workCodeLabel } from "../../../lib/records";
import type { RowKey } from "../timesheet-math";

export function useRowWords(row: RowKey): string {
  const client = useClient(row.clientId);
  const project = useProject(row.projectId);
  const codes = useWorkCodes("time");
  const code = codes.data?.items.find((item) => item.id === row.workCodeId);
  return [client.data?.code ?? "…", project.data?.code, code?.code ?? "…"].filter(Boolean).join(" · ");
}

export function RowLabel({ row }: { row: RowKey }) {
  const client = useClient(row.clientId);
  const project = useProject(row.projectId);
  const codes = useWorkCodes("time");
  const code = codes.data?.items.find((item) => item.id === row.workCodeId);
  return (
    <Stack gap={0} miw={0}>
      <Text size="sm" fw={500} truncate>
        {clientLabel(client.data)}
      </Text>
      <Text size="xs" c="dimmed" truncate>
        {project.data ? `${project.data.code} · ` : ""}
        {workCodeLabel(code)}
      </Text>
    </Stack>
  );
}
