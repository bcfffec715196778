/**
 * Rates at every level: choose whose (the work codes' defaults, a client, a project or a staff
 * member) and see each of their effective-dated histories, and add a rate from a date.
 */
import { SegmentedControl, SimpleGrid, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { PageTitle } from "../../../components/page-title";
import { ClientPicker, ProjectPicker } from "../../../components/record-pickers";
import { mayDo, useMe } from "../../../lib/me";
import { StaffPicker } from "./pickers";
import { RateHistoryPanel } from "./rate-history-panel";

type Whose = "work_code" | "client" | "project" | "staff";

export function RatesPage() {
  const me = useMe();
  const [whose, setWhose] = useState<Whose>("work_code");
  const [clientId, setClientId] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [staffId, setStaffId] = useState<string | null>(null);
  const options = [
    { value: "work_code", label: "Work code defaults" },
    ...(mayDo(me, "entity_details", "R")
      ? [
          { value: "client", label: "A client" },
          { value: "project", label: "A project" },
        ]
      : []),
    ...(mayDo(me, "staff_rates", "R") && mayDo(me, "staff", "R")
      ? [{ value: "staff", label: "A staff member" }]
      : []),
  ];
  const mayChangeClients = mayDo(me, "entities", "E");
  return (
    <Stack>
      <PageTitle title="Rates" subtitle="Effective-dated rates at every level" />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="whose-label">
          Whose rates
        </Text>
        <SegmentedControl
          aria-labelledby="whose-label"
          data={options}
          value={whose}
          onChange={(value) => setWhose(value as Whose)}
          orientation={options.length > 2 ? undefined : "horizontal"}
          fullWidth
          style={{ flexWrap: "wrap" }}
        />
      </Stack>
      {whose === "work_code" ? (
        <RateHistoryPanel
          title="Work code default rates"
          filter={{ scope: "work_code" }}
          mayChange={mayDo(me, "work_codes", "E", "firm")}
        />
      ) : null}
      {whose === "client" ? (
        <>
          <ClientPicker label="Client" value={clientId} onChange={setClientId} />
          {clientId ? (
            <RateHistoryPanel
              title="Client rates"
              filter={{ clientId }}
              owner={{ clientId }}
              mayChange={mayChangeClients}
            />
          ) : null}
        </>
      ) : null}
      {whose === "project" ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <ClientPicker
              label="Client"
              value={clientId}
              onChange={(id) => {
                setClientId(id);
                setProjectId(null);
              }}
            />
            <ProjectPicker clientId={clientId} value={projectId} onChange={setProjectId} />
          </SimpleGrid>
          {projectId ? (
            <RateHistoryPanel
              title="Project rates"
              filter={{ projectId }}
              owner={{ projectId }}
              mayChange={mayChangeClients}
            />
          ) : null}
        </>
      ) : null}
      {whose === "staff" ? (
        <>
          <StaffPicker label="Staff member" value={staffId} onChange={setStaffId} />
          {staffId ? (
            <RateHistoryPanel
              title="Staff rates"
              filter={{ staffId }}
              owner={{ staffId }}
              mayChange={mayDo(me, "staff_rates", "C", "firm")}
            />
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
