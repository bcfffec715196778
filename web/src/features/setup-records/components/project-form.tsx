/** A project of a client, new or changed; budgets typed as hours and money, sent as integers. */
import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Group, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { FormAlert } from "../../../components/form-alert";
import { ClientPicker } from "../../../components/record-pickers";
import { decimalText, readDecimal } from "../../../lib/decimal-text";
import { showProblem } from "../../../lib/form-problems";
import { hoursText, readHours } from "../amount-text";
import { useProjectChanges } from "../api/projects";
import type { Project } from "../api/types";

const schema = z.object({
  clientId: z.string({ message: "Choose the client" }).min(1, "Choose the client"),
  code: z.string().trim().min(1, "Type the project's code").max(20, "At most 20 characters"),
  name: z.string().trim().min(1, "Type the project's name").max(200, "At most 200 characters"),
  status: z.enum(["open", "closed"]),
  budgetHours: z.string(),
  budgetFee: z.string(),
});
type Values = z.infer<typeof schema>;
const FIELDS = ["clientId", "code", "name", "status", "budgetHours", "budgetFee"] as const;

export function ProjectForm({
  project,
  clientId,
  onSaved,
  onCancel,
}: {
  project?: Project;
  clientId?: string | undefined;
  onSaved: (project: Project) => void;
  onCancel: () => void;
}) {
  const { create, update } = useProjectChanges();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      clientId: project?.clientId ?? clientId ?? "",
      code: project?.code ?? "",
      name: project?.name ?? "",
      status: project?.status ?? "open",
      budgetHours: project?.budgetMinutes == null ? "" : hoursText(project.budgetMinutes),
      budgetFee: project?.budgetFee == null ? "" : decimalText(project.budgetFee, 2),
    },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async ({ clientId: client, budgetHours, budgetFee, ...fields }) => {
    const hours = budgetHours.trim() ? readHours(budgetHours) : { value: null };
    const fee = budgetFee.trim() ? readDecimal(budgetFee, 2, "an amount") : { value: null };
    if ("error" in hours) form.setError("budgetHours", { message: hours.error });
    if ("error" in fee) form.setError("budgetFee", { message: fee.error });
    if ("error" in hours || "error" in fee) return;
    const change = { ...fields, budgetMinutes: hours.value, budgetFee: fee.value };
    try {
      onSaved(
        project
          ? await update.mutateAsync({ id: project.id, change })
          : await create.mutateAsync({ ...change, clientId: client }),
      );
    } catch (error) {
      showProblem(error, form.setError, FIELDS);
    }
  });
  return (
    <form
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={project ? "Change the project" : "New project"}
    >
      <Stack>
        {project ? null : (
          <Controller
            control={form.control}
            name="clientId"
            render={({ field }) => (
              <ClientPicker
                label="Client"
                required
                value={field.value || null}
                onChange={(id) => field.onChange(id ?? "")}
                error={errors.clientId?.message}
              />
            )}
          />
        )}
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
            name="status"
            render={({ field }) => (
              <Select
                label="Status"
                data={[
                  { value: "open", label: "Open" },
                  { value: "closed", label: "Closed" },
                ]}
                value={field.value}
                onChange={(value) => field.onChange(value ?? "open")}
                allowDeselect={false}
                size="md"
              />
            )}
          />
          <TextInput
            label="Budget hours"
            placeholder="40"
            inputMode="decimal"
            error={errors.budgetHours?.message}
            {...form.register("budgetHours")}
          />
          <TextInput
            label="Budget fee"
            placeholder="5,000.00"
            inputMode="decimal"
            error={errors.budgetFee?.message}
            {...form.register("budgetFee")}
          />
        </SimpleGrid>
        <FormAlert message={errors.root?.server?.message} />
        <Group>
          <Button type="submit" loading={isSubmitting}>
            {project ? "Save the project" : "Add the project"}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
