/** `firmtime staff ...` and `firmtime group list`. */
import type { Command } from "commander";
import type { Staff } from "../../firm-setup/staff-store.js";
import type { CommandContext } from "../context.js";
import { renderRecord, renderTable } from "../table.js";
import { choiceOption, dateOption, listOption } from "./parse-options.js";

const renderStaff = (staff: Staff) =>
  renderRecord({
    "staff number": staff.staffNumber,
    name: `${staff.firstName} ${staff.lastName}`,
    email: staff.email ?? "",
    status: staff.status + (staff.inactiveDate ? ` since ${staff.inactiveDate}` : ""),
    groups: staff.groups.join(", "),
    id: staff.id,
  });

const staffTable = (rows: Staff[]) =>
  renderTable(
    [
      { header: "Number", value: (s: Staff) => s.staffNumber },
      { header: "Name", value: (s) => `${s.firstName} ${s.lastName}` },
      { header: "Email", value: (s) => s.email ?? "" },
      { header: "Status", value: (s) => s.status },
      { header: "Groups", value: (s) => s.groups.join("~") },
    ],
    rows,
  );

interface StaffOptions {
  first?: string;
  last?: string;
  email?: string;
  groups?: string;
  status?: string;
  inactiveDate?: string;
  number?: string;
}

const withStaffFields = (command: Command) =>
  command
    .option("--email <email>")
    .option("--groups <names>", "groups separated by ~")
    .option("--status <status>", "active or inactive")
    .option("--inactive-date <date>", "the day the staff member stopped recording time");

export function registerStaffCommands(program: Command, context: () => CommandContext): void {
  const staff = program.command("staff").description("staff members");
  withStaffFields(
    staff
      .command("add <number>")
      .description("add a staff member")
      .requiredOption("--first <name>", "first name")
      .requiredOption("--last <name>", "last name"),
  ).action(async (number: string, options: StaffOptions) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const created = await backend.staff.add({
        staffNumber: number,
        firstName: options.first!,
        lastName: options.last!,
        email: options.email,
        groups: listOption(options.groups),
        status: choiceOption("status", options.status, ["active", "inactive"] as const),
        inactiveDate: dateOption("inactive-date", options.inactiveDate),
      });
      ctx.output(created, () => `Added staff ${created.staffNumber}\n${renderStaff(created)}`);
    });
  });
  staff
    .command("list")
    .description("list staff")
    .option("--status <status>", "active or inactive")
    .option("--group <name>")
    .action(async (options: { status?: string; group?: string }) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const rows = await backend.staff.list({
          status: choiceOption("status", options.status, ["active", "inactive"] as const),
          group: options.group,
        });
        ctx.output(rows, () => staffTable(rows));
      });
    });
  staff
    .command("show <staff>")
    .description("show one staff member (number or id)")
    .action(async (ref: string) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const found = await backend.staff.get(ref);
        ctx.output(found, () => renderStaff(found));
      });
    });
  withStaffFields(
    staff
      .command("edit <staff>")
      .description("change a staff member")
      .option("--number <number>", "new staff number")
      .option("--first <name>")
      .option("--last <name>"),
  ).action(async (ref: string, options: StaffOptions) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const updated = await backend.staff.edit(ref, {
        staffNumber: options.number,
        firstName: options.first,
        lastName: options.last,
        email: options.email,
        groups: listOption(options.groups),
        status: choiceOption("status", options.status, ["active", "inactive"] as const),
        inactiveDate: dateOption("inactive-date", options.inactiveDate),
      });
      ctx.output(updated, () => `Updated staff ${updated.staffNumber}\n${renderStaff(updated)}`);
    });
  });
  staff
    .command("delete <staff>")
    .description("delete a staff member who has no history (otherwise make them inactive)")
    .action(async (ref: string) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const deleted = await backend.staff.delete(ref);
        ctx.output({ deleted }, () => `Deleted staff ${deleted.staffNumber}\n`);
      });
    });

  program
    .command("group")
    .description("staff groups")
    .command("list")
    .description("list staff groups and their member counts")
    .action(async () => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const groups = await backend.staff.groups();
        ctx.output(groups, () =>
          renderTable(
            [
              { header: "Group", value: (g: (typeof groups)[number]) => g.name },
              { header: "Members", value: (g) => String(g.members), align: "right" },
            ],
            groups,
          ),
        );
      });
    });
}
