/** `firmtime protection on|off|status`: users, roles and sharing on a desktop firm file. */
import { AppError } from "../../domain/errors.js";
import type { Firm } from "../../firm-setup/firm-store.js";
import type { Register } from "../context.js";
import { password } from "../password-prompt.js";

const describe = (firm: Firm) =>
  firm.protection
    ? `Protection is on for ${firm.name}: commands act as a signed-in user (--as EMAIL).\n`
    : `Protection is off for ${firm.name}: the built-in supervisor may do everything.\n`;

export const registerProtectionCommands: Register = (program, context) => {
  const protection = program.command("protection").description("users, roles and sharing on a firm file");
  protection
    .command("status")
    .description("say whether protection is on")
    .action(async () => {
      const ctx = context();
      await ctx.withFirm(async (_store, scope) => {
        ctx.output({ protection: scope.firm.protection }, () => describe(scope.firm));
        return Promise.resolve();
      });
    });
  protection
    .command("on")
    .description("turn protection on, with a staff member (who has an email) as the first Admin")
    .requiredOption("--admin <staff>", "staff number of the first Admin")
    .action(async (options: { admin: string }) => {
      const ctx = context();
      const secret = await password(ctx, ctx.options.passwordStdin);
      await ctx.withFirm(async (store) => {
        const { turnProtectionOn } = await import("../../access/protection-service.js");
        const firm = await turnProtectionOn(store.db, ctx.io.clock, {
          staff: options.admin,
          password: secret,
        });
        ctx.output({ protection: true, firm }, () => describe(firm));
      });
    });
  protection
    .command("off")
    .description("turn protection off (an Admin's credentials: --as EMAIL)")
    .action(async () => {
      const ctx = context();
      const email = ctx.options.as ?? ctx.io.env.FIRMTIME_EMAIL;
      if (!email)
        throw new AppError("UNAUTHENTICATED", "sign in as an Admin with --as EMAIL to turn protection off");
      const secret = await password(ctx, ctx.options.passwordStdin);
      await ctx.withFirm(async (store) => {
        const { turnProtectionOff } = await import("../../access/protection-service.js");
        const firm = await turnProtectionOff(store.db, ctx.io.clock, { email, password: secret });
        ctx.output({ protection: false, firm }, () => describe(firm));
      });
    });
};
