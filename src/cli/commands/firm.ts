/** `firmtime init` and `firmtime firm show|edit`: the firm file and its profile. */
import { parseIsoDate } from "../../domain/dates.js";
import { invalid } from "../../domain/errors.js";
import { createFirm, type FirmPatch } from "../../firm-setup/firm-service.js";
import type { Firm } from "../../firm-setup/firm-store.js";
import { createFirmFile } from "../../store/database.js";
import { optionValue } from "../context.js";
import type { Register } from "../context.js";
import { renderRecord } from "../table.js";

const integer = (name: string) => (text: string) =>
  optionValue(name, text, (value) => {
    if (!/^\d+$/.test(value.trim())) throw invalid(`${JSON.stringify(value)} is not a whole number`);
    return Number(value);
  });

export const renderFirm = (firm: Firm): string =>
  renderRecord({
    firm: firm.name,
    id: firm.id,
    currency: firm.currency,
    "time increment": `${firm.timeIncrement} min`,
    "lock date": firm.lockDate ?? "(none)",
    "fiscal year starts": `month ${firm.fiscalYearStartMonth}`,
  });

export const registerFirmCommands: Register = (program, context) => {
  program
    .command("init <file>")
    .description("create a new firm file")
    .requiredOption("--firm <name>", "the firm's name")
    .option("--currency <code>", "ISO 4217 currency", "USD")
    .option("--increment <minutes>", "time increment: 1, 6 or 15", "6")
    .option("--fiscal-start <month>", "fiscal year start month, 1-12", "1")
    .action(
      async (
        file: string,
        options: { firm: string; currency: string; increment: string; fiscalStart: string },
      ) => {
        const ctx = context();
        const store = await createFirmFile(file);
        try {
          const firm = await createFirm(store.db, ctx.io.clock, {
            name: options.firm,
            currency: options.currency,
            timeIncrement: integer("increment")(options.increment),
            fiscalYearStartMonth: integer("fiscal-start")(options.fiscalStart),
          });
          ctx.output({ file, firm }, () => `Created ${file}\n${renderFirm(firm)}`);
        } catch (error) {
          await store.close();
          // init is all-or-nothing: a firm file without its firm is not left behind.
          const { rmSync } = await import("node:fs");
          for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
          throw error;
        }
        await store.close();
      },
    );

  const firm = program.command("firm").description("the firm profile");
  firm
    .command("show")
    .description("show the firm profile")
    .action(async () => {
      const ctx = context();
      await ctx.withBackend((backend) =>
        Promise.resolve(ctx.output(backend.firm, () => renderFirm(backend.firm))),
      );
    });
  firm
    .command("edit")
    .description("change the firm profile")
    .option("--name <name>")
    .option("--increment <minutes>", "1, 6 or 15")
    .option("--lock-date <date>", "entries on or before it are locked; 'none' clears it")
    .option("--fiscal-start <month>", "1-12")
    .action(
      async (options: { name?: string; increment?: string; lockDate?: string; fiscalStart?: string }) => {
        const ctx = context();
        const patch: FirmPatch = {
          name: options.name,
          timeIncrement:
            options.increment !== undefined ? integer("increment")(options.increment) : undefined,
          fiscalYearStartMonth:
            options.fiscalStart !== undefined ? integer("fiscal-start")(options.fiscalStart) : undefined,
          lockDate:
            options.lockDate === undefined
              ? undefined
              : options.lockDate === "none"
                ? null
                : optionValue("lock-date", options.lockDate, (value) => parseIsoDate(value, "lock date")),
        };
        await ctx.withBackend(async (backend) => {
          const updated = await backend.editFirm(patch);
          ctx.output(updated, () => renderFirm(updated));
        });
      },
    );
};

export { integer };
