/**
 * `firmtime integrate FILE --cloud URL --as EMAIL`: the one-time integration of a desktop firm
 * file with a cloud firm (merge.md). The file password comes from FIRMTIME_PASSWORD (or a
 * prompt), the cloud password from FIRMTIME_CLOUD_PASSWORD (or a prompt) unless `firmtime
 * login URL` already keeps a token for the same email. Every unmet prerequisite is printed
 * with its fix before anything changes; an interrupted upload resumes when run again.
 */
import { AppError, invalid } from "../../domain/errors.js";
import { findOnlyFirm, type Firm } from "../../firm-setup/firm-store.js";
import type { IntegrationCloud, IntegrationSummary } from "../../merge/integration-service.js";
import { countRecords } from "../../merge/record-nouns.js";
import { openFirmFile } from "../../store/database.js";
import { createCloudClient } from "../backend/cloud-client.js";
import { normaliseFirmUrl, readCredentials } from "../backend/credentials.js";
import type { CommandContext } from "../context.js";
import type { Register } from "../context.js";
import { loginToCloud } from "./login.js";
import { password } from "../password-prompt.js";
import { describeSummary, mergeProgressLine } from "./merge.js";

async function connect(
  ctx: CommandContext,
  firmUrl: string,
  email: string | undefined,
): Promise<IntegrationCloud | AppError> {
  try {
    if (!email) throw new AppError("UNAUTHENTICATED", "no email to sign in to the cloud with (--as EMAIL)");
    const kept = readCredentials(ctx.io.env).find(
      (c) => c.firmUrl === firmUrl && c.email === email.toLowerCase(),
    );
    const credential =
      kept ??
      (await loginToCloud(
        ctx,
        firmUrl,
        email,
        ctx.io.env.FIRMTIME_CLOUD_PASSWORD ?? (await password(ctx, false)),
      ));
    const client = createCloudClient(firmUrl, credential.token, ctx.io.fetch);
    const { httpTransport } = await import("../../merge/sync-client.js");
    const transport = httpTransport(client);
    return {
      ...transport,
      firmUrl,
      slug: firmUrl.split("/f/")[1]!,
      async inviteStaff(staffId) {
        try {
          await client.request("POST", "/users", { staffId });
          return "invited";
        } catch (error) {
          if ((error as { code?: unknown }).code === "DUPLICATE") return "already";
          throw error;
        }
      },
    };
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

export function describeIntegration(firm: Firm, firmUrl: string, summary: IntegrationSummary): string {
  const kinds = Object.entries(summary.merged)
    .map(([table, n]) => countRecords(table, n))
    .join(", ");
  return [
    `Integrated ${firm.name} with ${firmUrl}.\n`,
    `  merged: ${kinds || "nothing"}\n`,
    `  ${describeSummary(summary.merge).trimEnd()}\n`,
    `  warnings: ${summary.warnings} (firmtime log FILE --warnings); errors: ${summary.errors} (firmtime log FILE --errors)\n`,
    `  activation emails sent to ${countRecords("staff", summary.invited)}\n`,
    `  permissions: ${summary.permissions.roles} custom role${summary.permissions.roles === 1 ? "" : "s"}, ${summary.permissions.assignments} role assignment${summary.permissions.assignments === 1 ? "" : "s"}` +
      (summary.permissions.refused ? `, ${summary.permissions.refused} refused (see the errors)` : "") +
      "\n",
    `The firm's name and file identity are now fixed.\n`,
  ].join("");
}

export const registerIntegrateCommands: Register = (program, context) => {
  program
    .command("integrate [file]")
    .description(
      "integrate a desktop firm file with a cloud firm, once: firmtime integrate FILE --cloud URL --as EMAIL",
    )
    .action(async (file: string | undefined) => {
      const ctx = context();
      const cloudArg = ctx.options.cloud ?? ctx.io.env.FIRMTIME_CLOUD;
      if (!cloudArg) throw invalid("name the cloud firm: --cloud https://HOST/f/FIRM");
      const firmUrl = normaliseFirmUrl(cloudArg);
      const email = ctx.options.as ?? ctx.io.env.FIRMTIME_EMAIL;
      const store = await openFirmFile(file ?? ctx.filePath);
      try {
        const firm = await findOnlyFirm(store.db);
        const service = await import("../../merge/integration-service.js");
        const desktopUser = email
          ? { email, password: await password(ctx, ctx.options.passwordStdin) }
          : null;
        const cloud = await connect(ctx, firmUrl, email);
        const { failures, cloudState } = await service.checkPrerequisites(store.db, firm, {
          desktopUser,
          cloud,
        });
        if (failures.length > 0 || !cloudState || cloud instanceof AppError) {
          for (const failure of failures)
            ctx.io.stderr(`  ✗ ${failure.problem}\n      fix: ${failure.fix}\n`);
          throw new AppError(
            "PREREQUISITES",
            `${failures.length} prerequisite${failures.length === 1 ? " is" : "s are"} not met; nothing was changed`,
            { failures },
          );
        }
        const progress = mergeProgressLine(ctx.io);
        try {
          const summary = await service.integrate(store.db, firm.id, cloud, cloudState, {
            clock: ctx.io.clock,
            by: desktopUser?.email,
            onProgress: progress.update,
          });
          progress.clear();
          ctx.output(summary, () => describeIntegration(firm, firmUrl, summary));
        } finally {
          progress.clear();
        }
      } finally {
        await store.close();
      }
    });
};
