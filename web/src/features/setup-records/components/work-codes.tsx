/** Work codes: the list (kind, active), one work code with its rates at every level, and its form. */
import { zodResolver } from "@hookform/resolvers/zod";
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
} from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { RecordTable, useRecordList, type RecordColumn } from "../../../components/record-table";
import { useFirm } from "../../../lib/firm-context";
import { showProblem } from "../../../lib/form-problems";
import { mayDo, useMe } from "../../../lib/me";
import { readRate, readSurcharge, surchargeText } from "../amount-text";
import type { WorkCode, WorkCodeQuery } from "../api/types";
import { useWorkCode, useWorkCodeChanges, useWorkCodeList, workCodeByCode } from "../api/work-codes";
import { RateHistoryPanel } from "./rate-history-panel";
import { BackLink, ErrorAlert, Fields, GoToCode, ReadOnlyNote, setupPath } from "./setup-parts";
import { ConfirmButton } from "../../../components/confirm-button";

const columns: RecordColumn<WorkCode>[] = [
  { key: "code", header: "Code", render: (code) => code.code, sortable: true },
  { key: "name", header: "Name", render: (code) => code.name, sortable: true },
  { key: "kind", header: "Kind", render: (code) => code.kind },
  { key: "billable", header: "Billable", render: (code) => (code.billable ? "B" : "NB") },
  {
    key: "active",
    header: "Status",
    render: (code) => <Badge variant="default">{code.active ? "active" : "inactive"}</Badge>,
  },
];

export function WorkCodesPage() {
  const { api } = useFirm();
  const me = useMe();
  const list = useRecordList("code");
  const [kind, setKind] = useState("all");
  const [active, setActive] = useState("all");
  const codes = useWorkCodeList({
    search: list.sentSearch || undefined,
    sort: list.sort as NonNullable<WorkCodeQuery["sort"]>,
    kind: kind === "all" ? undefined : (kind as "time" | "expense"),
    active: active === "all" ? undefined : (active as "true" | "false"),
    limit: list.limit,
    offset: list.offset,
  });
  const mayAdd = mayDo(me, "work_codes", "C", "firm");
  const filter = (
    label: string,
    value: string,
    set: (value: string) => void,
    data: { value: string; label: string }[],
  ) => (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={(next) => {
        set(next ?? "all");
        list.setPage(0);
      }}
      allowDeselect={false}
      w={140}
      size="md"
    />
  );
  return (
    <Stack>
      <PageTitle
        title="Work codes"
        subtitle="What time and expenses are recorded against"
        actions={
          mayAdd ? (
            <Button component={Link} to={setupPath("work-codes/new")}>
              Add a work code
            </Button>
          ) : null
        }
      />
      {mayAdd ? null : <ReadOnlyNote>Your role does not let you add work codes.</ReadOnlyNote>}
      <GoToCode
        what="work code"
        find={(code) => workCodeByCode(api, code)}
        pathOf={(id) => setupPath(`work-codes/${id}`)}
      />
      <RecordTable
        label="Work codes"
        searchLabel="Search by code or name"
        columns={columns}
        rows={codes.data?.items}
        total={codes.data?.total}
        rowKey={(code) => code.id}
        rowLink={(code) => setupPath(`work-codes/${code.id}`)}
        state={list}
        loading={codes.isFetching}
        empty="No work code matches."
        toolbar={
          <>
            {filter("Kind", kind, setKind, [
              { value: "all", label: "All" },
              { value: "time", label: "Time" },
              { value: "expense", label: "Expense" },
            ])}
            {filter("Status", active, setActive, [
              { value: "all", label: "All" },
              { value: "true", label: "Active" },
              { value: "false", label: "Inactive" },
            ])}
          </>
        }
      />
    </Stack>
  );
}

const schema = z.object({
  code: z.string().trim().min(1, "Type the work code").max(10, "At most 10 characters"),
  name: z.string().trim().min(1, "Type the name").max(100, "At most 100 characters"),
  kind: z.enum(["time", "expense"]),
  billable: z.boolean(),
  surcharge: z.string(),
  internalNote: z.string().max(2000, "At most 2,000 characters"),
  active: z.boolean(),
  rate: z.string(),
});
type Values = z.infer<typeof schema>;
const FIELDS = ["code", "name", "kind", "billable", "internalNote", "active", "rate"] as const;

export function WorkCodeForm({
  workCode,
  onSaved,
  onCancel,
}: {
  workCode?: WorkCode;
  onSaved: (workCode: WorkCode) => void;
  onCancel: () => void;
}) {
  const { create, update } = useWorkCodeChanges();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      code: workCode?.code ?? "",
      name: workCode?.name ?? "",
      kind: workCode?.kind ?? "time",
      billable: workCode?.billable ?? true,
      surcharge: workCode && workCode.surchargeBp !== 0 ? surchargeText(workCode.surchargeBp) : "",
      internalNote: workCode?.internalNote ?? "",
      active: workCode?.active ?? true,
      rate: "",
    },
  });
  const kind = form.watch("kind");
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async ({ surcharge, rate, ...fields }) => {
    const surchargeBp = surcharge.trim() && kind === "expense" ? readSurcharge(surcharge) : { value: 0 };
    const rateValue = rate.trim() && !workCode ? readRate(rate) : null;
    if ("error" in surchargeBp) form.setError("surcharge", { message: surchargeBp.error });
    if (rateValue && "error" in rateValue) form.setError("rate", { message: rateValue.error });
    if ("error" in surchargeBp || (rateValue && "error" in rateValue)) return;
    try {
      const change = { ...fields, ...(kind === "expense" ? { surchargeBp: surchargeBp.value } : {}) };
      onSaved(
        workCode
          ? await update.mutateAsync({ id: workCode.id, change })
          : await create.mutateAsync({ ...change, ...(rateValue ? { rate: rateValue.value } : {}) }),
      );
    } catch (error) {
      showProblem(error, form.setError, [...FIELDS, "surcharge"], () => null);
    }
  });
  return (
    <form
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={workCode ? "Change the work code" : "New work code"}
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Code"
            required
            autoCapitalize="characters"
            error={errors.code?.message}
            {...form.register("code")}
          />
          <TextInput label="Name" required error={errors.name?.message} {...form.register("name")} />
          <Controller
            control={form.control}
            name="kind"
            render={({ field }) => (
              <Select
                label="Kind"
                data={[
                  { value: "time", label: "Time" },
                  { value: "expense", label: "Expense" },
                ]}
                value={field.value}
                onChange={(value) => field.onChange(value ?? "time")}
                allowDeselect={false}
                disabled={Boolean(workCode)}
                description={workCode ? "A work code keeps its kind" : undefined}
                size="md"
                error={errors.kind?.message}
              />
            )}
          />
          {workCode ? null : (
            <TextInput
              label={kind === "time" ? "Default rate per hour" : "Default price per unit"}
              placeholder="150.00"
              inputMode="decimal"
              description="Applies to every date; later rates are added on the work code's page"
              error={errors.rate?.message}
              {...form.register("rate")}
            />
          )}
          {kind === "expense" ? (
            <TextInput
              label="Surcharge %"
              placeholder="10"
              inputMode="decimal"
              error={errors.surcharge?.message}
              {...form.register("surcharge")}
            />
          ) : null}
        </SimpleGrid>
        <Group>
          <Checkbox label="Billable" {...form.register("billable")} />
          <Checkbox label="Active" {...form.register("active")} />
        </Group>
        <Textarea
          label="Internal note"
          description="Never shown on reports or invoices"
          autosize
          minRows={2}
          error={errors.internalNote?.message}
          {...form.register("internalNote")}
        />
        <FormAlert message={errors.root?.server?.message} />
        <Group>
          <Button type="submit" loading={isSubmitting}>
            {workCode ? "Save the work code" : "Add the work code"}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function WorkCodePage({ id }: { id: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const workCode = useWorkCode(id);
  const { update, remove } = useWorkCodeChanges();
  const [editing, setEditing] = useState(false);
  if (workCode.error) return <ErrorAlert error={workCode.error} />;
  if (!workCode.data) return null;
  const current = workCode.data;
  const mayEdit = mayDo(me, "work_codes", "E", "firm");
  return (
    <Stack>
      <BackLink to={setupPath("work-codes")}>Work codes</BackLink>
      <PageTitle
        title={`${current.code} · ${current.name}`}
        subtitle={`${current.kind === "time" ? "Time" : "Expense"} work code`}
        actions={
          editing ? null : (
            <>
              {mayEdit ? <Button onClick={() => setEditing(true)}>Edit</Button> : null}
              {mayEdit ? (
                <ConfirmButton
                  label={current.active ? "Deactivate" : "Reactivate"}
                  name={`${current.active ? "Deactivate" : "Reactivate"} work code ${current.code}`}
                  question={
                    current.active
                      ? `Deactivate ${current.code}? It stays on past entries but is no longer offered.`
                      : `Make ${current.code} active again?`
                  }
                  confirmLabel={current.active ? "Deactivate" : "Reactivate"}
                  color={current.active ? "dark" : "blue"}
                  onConfirm={() => update.mutateAsync({ id, change: { active: !current.active } })}
                />
              ) : null}
              {mayDo(me, "work_codes", "D", "firm") ? (
                <ConfirmButton
                  label="Delete"
                  name={`Delete work code ${current.code}`}
                  question={`Delete ${current.code} and its rates? Only a work code no entry uses can be deleted; deactivate the others.`}
                  confirmLabel="Delete the work code"
                  onConfirm={async () => {
                    await remove.mutateAsync(id);
                    await navigate({ to: setupPath("work-codes") });
                  }}
                />
              ) : null}
            </>
          )
        }
      />
      {mayEdit ? null : <ReadOnlyNote>Your role lets you read work codes, not change them.</ReadOnlyNote>}
      <Paper withBorder p="md">
        {editing ? (
          <WorkCodeForm
            workCode={current}
            onSaved={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <Fields
            items={[
              ["Code", current.code],
              ["Name", current.name],
              ["Kind", current.kind],
              ["Billable", current.billable ? "Billable (B)" : "Not billable (NB)"],
              ...(current.kind === "expense"
                ? ([["Surcharge", `${surchargeText(current.surchargeBp)} %`]] as [string, string][])
                : []),
              ["Status", current.active ? "Active" : "Inactive"],
              ["Internal note", current.internalNote],
            ]}
          />
        )}
      </Paper>
      <RateHistoryPanel
        title="Rates for this work code"
        filter={{ workCodeId: id }}
        owner={{ workCodeId: id }}
        pickWorkCode={false}
        mayChange={mayEdit}
      />
    </Stack>
  );
}
