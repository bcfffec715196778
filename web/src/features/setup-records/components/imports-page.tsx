/**
 * Imports: CSV pasted or chosen from a file, checked whole by the server first (a dry run that
 * lists every bad row with its line and reason), then imported all-or-nothing, or with the bad
 * rows skipped. The server answers an import in one response: while it works, the page says so.
 */
import {
  Alert,
  Button,
  FileButton,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { ApiProblem, problemText } from "../../../api/problem";
import { PageTitle } from "../../../components/page-title";
import { mayDo, useMe, type AccessObjectName } from "../../../lib/me";
import { useImport } from "../api/imports";
import type { ImportKind, ImportResult } from "../api/types";
import { ReadOnlyNote } from "./setup-parts";

const KINDS: { value: ImportKind; label: string; object: AccessObjectName; columns: string }[] = [
  {
    value: "clients",
    label: "Clients",
    object: "entities",
    columns: "Code, Name, Status, Contact Company, Partner, Manager, Address, Notes",
  },
  {
    value: "contacts",
    label: "Contacts",
    object: "contacts",
    columns:
      "First Name, Last Name, Email, Work Phone, Mobile Phone, Contact Company, Clients (codes separated by ~)",
  },
  {
    value: "workcodes",
    label: "Work codes",
    object: "work_codes",
    columns: "Code, Type (B or NB), Name, Rate, Surcharge, Kind, Note",
  },
  {
    value: "staff",
    label: "Staff",
    object: "staff",
    columns: "Number, First Name, Last Name, Email, Groups (separated by ~), Status",
  },
  {
    value: "time",
    label: "Time entries",
    object: "time_entries",
    columns: "Staff, Client, Project, Work Code, Date, Duration, Billable, Description",
  },
  {
    value: "expenses",
    label: "Expense entries",
    object: "expense_entries",
    columns: "Staff, Client, Project, Work Code, Date, Quantity, Unit Rate, Billable, Description",
  },
];

interface RowProblem {
  line: number;
  reason: string;
}

/** Every bad row the server named, from a preview or from a refused import. */
function problemsOf(answer: ImportResult | ApiProblem | undefined): RowProblem[] {
  if (answer instanceof ApiProblem)
    return Array.isArray(answer.body.problems) ? (answer.body.problems as RowProblem[]) : [];
  return answer?.problems ?? [];
}

function BadRows({ problems }: { problems: RowProblem[] }) {
  return (
    <Table.ScrollContainer minWidth={300}>
      <Table striped verticalSpacing={4}>
        <Table.Caption style={{ captionSide: "top", textAlign: "left" }}>
          {problems.length === 1 ? "1 bad row" : `${problems.length} bad rows`}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Line</Table.Th>
            <Table.Th>Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {problems.map((problem, index) => (
            <Table.Tr key={`${problem.line}-${index}`}>
              <Table.Td>{problem.line}</Table.Td>
              <Table.Td>{problem.reason}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ImportsPage() {
  const me = useMe();
  const kinds = KINDS.filter((kind) => mayDo(me, kind.object, "C", "firm"));
  const [kind, setKind] = useState<ImportKind | null>(kinds[0]?.value ?? null);
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<ImportResult | ApiProblem>();
  const [done, setDone] = useState<ImportResult>();
  const [error, setError] = useState<string>();
  const run = useImport();
  const chosen = KINDS.find((option) => option.value === kind);

  const send = async (mode: "preview" | "all" | "skip") => {
    if (!kind) return;
    setError(undefined);
    if (mode === "preview") {
      setPreview(undefined);
      setDone(undefined);
    }
    try {
      const result = await run.mutateAsync({
        kind,
        body: { text, dryRun: mode === "preview", skipBad: mode !== "all" },
      });
      if (mode === "preview") setPreview(result);
      else {
        setDone(result);
        setPreview(undefined);
      }
    } catch (problem) {
      if (problem instanceof ApiProblem && problem.code === "IMPORT_INVALID") setPreview(problem);
      else setError(problemText(problem));
    }
  };

  const edit = (next: string) => {
    setText(next);
    setPreview(undefined);
    setDone(undefined);
  };
  const problems = problemsOf(preview);
  const previewed = preview && !(preview instanceof ApiProblem) ? preview : undefined;

  if (kinds.length === 0)
    return (
      <Stack>
        <PageTitle title="Imports" />
        <ReadOnlyNote>Your role does not let you import records.</ReadOnlyNote>
      </Stack>
    );
  return (
    <Stack>
      <PageTitle title="Imports" subtitle="CSV or pasted rows, checked whole before anything is written" />
      <Paper withBorder p="md">
        <Stack>
          <Select
            label="What to import"
            data={kinds.map(({ value, label }) => ({ value, label }))}
            value={kind}
            onChange={(value) => {
              setKind(value);
              setPreview(undefined);
              setDone(undefined);
            }}
            allowDeselect={false}
            size="md"
            maw={320}
          />
          {chosen ? (
            <Text size="sm" c="dimmed">
              A header line first, e.g. {chosen.columns}; comma, tab, ; or | between columns.
            </Text>
          ) : null}
          <Textarea
            label="Rows"
            description="Paste them, or choose a CSV file"
            autosize
            minRows={6}
            maxRows={16}
            value={text}
            onChange={(event) => edit(event.currentTarget.value)}
            styles={{ input: { fontFamily: "ui-monospace, monospace" } }}
          />
          <Group>
            <FileButton
              onChange={(file) => void file?.text().then(edit)}
              accept=".csv,.txt,.tsv,text/csv,text/plain"
            >
              {(props) => (
                <Button variant="default" {...props}>
                  Choose a CSV file
                </Button>
              )}
            </FileButton>
            <Button
              onClick={() => void send("preview")}
              disabled={!text.trim() || !kind}
              loading={run.isPending && !preview}
            >
              Check the rows
            </Button>
          </Group>
        </Stack>
      </Paper>
      {error ? (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      ) : null}
      {preview ? (
        <Paper withBorder p="md" component="section" aria-labelledby="preview-title">
          <Stack>
            <Title order={2} size="h4" id="preview-title">
              Preview
            </Title>
            {preview instanceof ApiProblem ? (
              <Text role="status">{problemText(preview)}</Text>
            ) : (
              <Text role="status">
                {previewed!.rows} rows read: {previewed!.created} good
                {problems.length ? `, ${problems.length} bad` : ""}.
                {previewed!.contactCompaniesCreated.length
                  ? ` New contact companies: ${previewed!.contactCompaniesCreated.join(", ")}.`
                  : ""}
              </Text>
            )}
            {problems.length ? <BadRows problems={problems} /> : null}
            {previewed ? (
              run.isPending ? (
                <Group role="status">
                  <Loader size="sm" />
                  <Text>Importing {previewed.created} rows… the server writes them all at once.</Text>
                </Group>
              ) : (
                <Group>
                  {problems.length === 0 ? (
                    <Button onClick={() => void send("all")}>Import {previewed.created} rows</Button>
                  ) : previewed.created > 0 ? (
                    <Button onClick={() => void send("skip")}>
                      Import the {previewed.created} good rows, skip {problems.length} bad
                    </Button>
                  ) : null}
                  {problems.length ? <Text size="sm">Or correct the rows above and check again.</Text> : null}
                </Group>
              )
            ) : null}
          </Stack>
        </Paper>
      ) : null}
      {done ? (
        <Alert color="green" role="status" title="Imported">
          {done.created} {chosen?.label.toLowerCase() ?? "records"} imported
          {done.skipped.length
            ? `; ${done.skipped.length} bad rows skipped (lines ${done.skipped.map((row) => row.line).join(", ")})`
            : ""}
          .
          {done.contactCompaniesCreated.length
            ? ` Contact companies added: ${done.contactCompaniesCreated.join(", ")}.`
            : ""}
        </Alert>
      ) : null}
    </Stack>
  );
}
