/** Adding a row to the week: a client, optionally one of its projects, and a work code. */
import { Button, Group, Paper, SimpleGrid } from "@mantine/core";
import { useState } from "react";
import { ClientPicker, ProjectPicker, WorkCodePicker } from "../../../components/record-pickers";
import type { RowKey } from "../timesheet-math";

export function AddRowForm({ onAdd, onCancel }: { onAdd: (row: RowKey) => void; onCancel: () => void }) {
  const [clientId, setClientId] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [workCodeId, setWorkCodeId] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const add = () => {
    setTried(true);
    if (clientId && workCodeId) onAdd({ clientId, projectId, workCodeId });
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => (event.preventDefault(), add())}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <ClientPicker
          value={clientId}
          required
          onChange={(id) => {
            setClientId(id);
            setProjectId(null);
          }}
          error={tried && !clientId ? "Choose the client" : undefined}
        />
        <ProjectPicker clientId={clientId} value={projectId} onChange={setProjectId} />
        <WorkCodePicker
          kind="time"
          required
          value={workCodeId}
          onChange={setWorkCodeId}
          error={tried && !workCodeId ? "Choose the work code" : undefined}
        />
      </SimpleGrid>
      <Group mt="md">
        <Button type="submit">Add the row</Button>
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
      </Group>
    </Paper>
  );
}
