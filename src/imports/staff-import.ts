/**
 * Staff as firms list them: `Number, First Name, Last Name, Email, Groups`, groups separated
 * by `~` ("Audit~Tax"); optionally Status (active or inactive) and Inactive Date.
 * Staff numbers and emails are unique, within the file and against existing staff.
 */
import { addStaff, listStaff, validateStaff, type StaffInput } from "../firm-setup/staff-service.js";
import type { ColumnSpecs } from "./columns.js";
import type { ImportKind } from "./import-kind.js";
import {
  checkRows,
  FirstLines,
  parseActiveStatus,
  splitList,
  writeEach,
  type RowCheck,
} from "./row-check.js";

const COLUMNS = {
  number: { header: "Number", required: true, aliases: ["Staff Number", "Staff No", "Staff"] },
  firstName: { header: "First Name", required: true },
  lastName: { header: "Last Name", required: true },
  email: { header: "Email", aliases: ["E-mail", "Email Address"] },
  groups: { header: "Groups", aliases: ["Group"] },
  status: { header: "Status" },
  inactiveDate: { header: "Inactive Date" },
} as const satisfies ColumnSpecs<string>;

type Column = keyof typeof COLUMNS;

function checkStaff(check: RowCheck<Column>): StaffInput | undefined {
  const input: StaffInput = {
    staffNumber: check.text("number"),
    firstName: check.text("firstName"),
    lastName: check.text("lastName"),
    email: check.text("email") || null,
    groups: splitList(check.text("groups")),
    status: check.parse("status", parseActiveStatus, "active"),
    inactiveDate: check.text("inactiveDate") || null,
  };
  return check.ok ? check.take(() => validateStaff(input), undefined) : undefined;
}

export const staffImport: ImportKind<Column> = {
  noun: "staff",
  columns: COLUMNS,
  async plan(db, scope, rows, onProgress) {
    const existing = await listStaff(db, scope);
    const existingNumbers = new Set(existing.map((staff) => staff.staffNumber));
    const existingEmails = new Map(
      existing.flatMap((staff) => (staff.email ? [[staff.email, staff.staffNumber] as const] : [])),
    );
    const numbers = new FirstLines();
    const emails = new FirstLines();
    const { accepted, problems } = await checkRows(
      rows,
      COLUMNS,
      (check) => {
        const input = checkStaff(check);
        const number = check.row.cells.number.toUpperCase();
        const email = check.row.cells.email.toLowerCase();
        const owner = existingEmails.get(email);
        check.unique(
          number,
          numbers,
          `staff number ${number}`,
          existingNumbers.has(number) ? `staff number ${number} is already used` : undefined,
        );
        check.unique(
          email,
          emails,
          `email ${email}`,
          owner !== undefined ? `email ${email} is already used by staff ${owner}` : undefined,
        );
        return input;
      },
      onProgress,
    );
    return {
      problems,
      accepted: accepted.length,
      contactCompaniesToCreate: [],
      write: (tx, progress) => writeEach(accepted, (input) => addStaff(tx, scope, input), progress),
    };
  },
};
