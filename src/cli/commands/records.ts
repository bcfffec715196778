/** The firm-setup records' commands: staff, work codes and rates, clients and projects, contacts. */
import type { Register } from "../context.js";
import { registerClientCommands } from "./clients.js";
import { registerContactCommands } from "./contacts.js";
import { registerStaffCommands } from "./staff.js";
import { registerWorkCodeCommands } from "./work-codes.js";

export const registerRecordCommands: Register = (program, context) => {
  registerStaffCommands(program, context);
  registerWorkCodeCommands(program, context);
  registerClientCommands(program, context);
  registerContactCommands(program, context);
};
