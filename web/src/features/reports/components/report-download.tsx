/**
 * Downloads of the report on screen as CSV, XLSX or PDF, made on the server from the same rows
 * and totals. The file streams; the page counts what has arrived and can cancel.
 */
import { Alert, Button, Group, Loader, Menu, Text } from "@mantine/core";
import { useRef, useState } from "react";
import { problemText } from "../../../api/problem";
import { byteText, type DownloadProgress } from "../../../lib/download";
import { useReportDownload, type DownloadFormat, type ReportType } from "../api/reports";
import type { ReportCriteria } from "../report-criteria";

const FORMATS: { format: DownloadFormat; label: string }[] = [
  { format: "csv", label: "CSV (for spreadsheets and other programs)" },
  { format: "xlsx", label: "Excel workbook (XLSX)" },
  { format: "pdf", label: "PDF (to print or send)" },
];

type State =
  | { step: "idle" }
  | { step: "running"; format: DownloadFormat; progress: DownloadProgress | null }
  | { step: "done"; name: string }
  | { step: "failed"; message: string };

export function ReportDownload({ type, criteria }: { type: ReportType; criteria: ReportCriteria }) {
  const download = useReportDownload();
  const [state, setState] = useState<State>({ step: "idle" });
  const abort = useRef<AbortController | null>(null);

  const start = async (format: DownloadFormat) => {
    const controller = new AbortController();
    abort.current = controller;
    setState({ step: "running", format, progress: null });
    try {
      const name = await download(
        type,
        format,
        criteria,
        (progress) => setState({ step: "running", format, progress }),
        controller.signal,
      );
      setState({ step: "done", name });
    } catch (error) {
      setState(
        controller.signal.aborted ? { step: "idle" } : { step: "failed", message: problemText(error) },
      );
    } finally {
      abort.current = null;
    }
  };

  return (
    <Group gap="sm" wrap="wrap">
      {state.step === "running" ? (
        <Group gap="xs" role="status" aria-live="polite">
          <Loader size="sm" aria-hidden />
          <Text size="sm">
            Making the {state.format.toUpperCase()} file
            {state.progress ? `: ${byteText(state.progress.received)} received` : "…"}
          </Text>
          <Button size="xs" variant="default" onClick={() => abort.current?.abort()}>
            Cancel
          </Button>
        </Group>
      ) : (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default">Download…</Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{type === "basic" ? "The summary" : "The detailed report"} as</Menu.Label>
            {FORMATS.map(({ format, label }) => (
              <Menu.Item key={format} onClick={() => void start(format)}>
                {label}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
      {state.step === "done" ? (
        <Text size="sm" role="status">
          Saved {state.name}
        </Text>
      ) : null}
      {state.step === "failed" ? (
        <Alert color="red" variant="light" role="alert" p="xs">
          {state.message}
        </Alert>
      ) : null}
    </Group>
  );
}
