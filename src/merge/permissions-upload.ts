/**
 * The permissions part of integration (merge.md: the upload carries "permissions"). Records
 * merge through the journal; roles and role assignments do not, because they name what differs
 * between a file and a cloud: built-in roles have their own ids in each store, and a user's
 * account on the cloud is not the file's. So the file sends them once, after its records and
 * after every staff member has a cloud account: custom roles by name, assignments with their
 * role by name and their principal as the cloud finds it (a user by email; staff and contact
 * groups by id, merged already). The cloud applies them in one transaction with the sharing
 * rules' checks; what it cannot take is refused with the reason and goes to both error logs.
 * Sending it again (a resumed integration) changes nothing.
 */
import { findRoleByName, insertRole, selectAssignments, updateRole } from "../access/access-store.js";
import { findUserByEmail } from "../access/account-store.js";
import { cleanGrants } from "../access/role-service.js";
import { adoptAssignment } from "../access/sharing-service.js";
import { AppError } from "../domain/errors.js";
import type { Firm } from "../firm-setup/firm-store.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import { appendLog } from "./journal-store.js";
import type { PermissionsAnswer, PermissionsUpload } from "./sync-protocol.js";

/** The desktop's side: what the file's permissions are, in the form the cloud resolves. */
export async function readPermissions(db: Db, firmId: string): Promise<PermissionsUpload> {
  const roles = await db
    .selectFrom("role")
    .select(["id", "name", "built_in", "grants"])
    .where("firm_id", "=", firmId)
    .execute();
  const roleNames = new Map(roles.map((role) => [role.id, role.name]));
  const emails = new Map(
    (await db.selectFrom("user_account").select(["id", "email"]).where("firm_id", "=", firmId).execute()).map(
      (user) => [user.id, user.email],
    ),
  );
  const assignments = (await selectAssignments(db, firmId)).flatMap((a) => {
    const role = roleNames.get(a.roleId);
    const principal =
      a.principalKind === "user"
        ? emails.has(a.principalId)
          ? { kind: "user" as const, email: emails.get(a.principalId)! }
          : null
        : { kind: a.principalKind, id: a.principalId };
    if (!role || !principal) return [];
    return [
      {
        id: a.id,
        role,
        principal,
        scope: a.scope,
        entityId: a.entityId,
        itemId: a.itemId,
        createdAt: a.createdAt,
      },
    ];
  });
  return {
    roles: roles
      .filter((role) => role.built_in !== 1)
      .map((role) => ({ name: role.name, grants: JSON.parse(role.grants) as Record<string, string> })),
    assignments,
  };
}

/** The cloud's side, for the integrating Admin. */
export async function applyPermissions(
  db: Db,
  firm: Firm,
  upload: PermissionsUpload,
  clock: Clock,
  actorName: string,
): Promise<PermissionsAnswer> {
  const answer: PermissionsAnswer = {
    roles: { created: 0, updated: 0, unchanged: 0 },
    assignments: { created: 0, already: 0 },
    refused: [],
  };
  const now = clock.now().toISOString();
  const scope = { firm, clock, actor: actorName };
  await inTransaction(db, async (tx) => {
    const logged = new Set(
      (
        await tx
          .selectFrom("sync_log")
          .select("row_id")
          .where("firm_id", "=", firm.id)
          .where("tbl", "=", "permissions")
          .execute()
      ).map((row) => row.row_id),
    );
    const refuse = async (what: string, error: AppError) => {
      answer.refused.push({ what, code: error.code, message: error.message });
      if (logged.has(what)) return; // sent again by a resumed integration: logged already
      await appendLog(tx, firm.id, {
        at: now,
        level: "error",
        code: error.code,
        tbl: "permissions",
        rowId: what,
        hlc: null,
        message: `${actorName}: ${what}: ${error.message}`,
        data: {},
      });
    };

    for (const role of upload.roles) {
      const grants = cleanGrants(role.grants);
      const existing = await findRoleByName(tx, firm.id, role.name);
      if (existing?.builtIn) {
        await refuse(
          `role ${role.name}`,
          new AppError("DUPLICATE", "the cloud has a built-in role of that name; rename the file's role"),
        );
      } else if (!existing) {
        await insertRole(tx, firm.id, role.name, grants, now);
        answer.roles.created++;
      } else if (JSON.stringify(cleanGrants(existing.grants)) !== JSON.stringify(grants)) {
        // The file's role is the one its people work under; the cloud's namesake takes its grants.
        await updateRole(tx, firm.id, existing.id, { name: existing.name, grants }, now);
        answer.roles.updated++;
      } else {
        answer.roles.unchanged++;
      }
    }

    for (const assignment of upload.assignments) {
      const who =
        assignment.principal.kind === "user"
          ? assignment.principal.email
          : `${assignment.principal.kind.replace("_", " ")} ${assignment.principal.id}`;
      const what = `${assignment.role} for ${who}${assignment.entityId ? ` on ${assignment.entityId}` : ""}`;
      if ((await selectAssignments(tx, firm.id, { id: assignment.id })).length > 0) {
        answer.assignments.already++;
        continue;
      }
      try {
        const role = await findRoleByName(tx, firm.id, assignment.role);
        if (!role) throw new AppError("NOT_FOUND", `the cloud has no role ${assignment.role}`);
        let principalId: string;
        if (assignment.principal.kind === "user") {
          const user = await findUserByEmail(tx, firm.id, assignment.principal.email);
          if (!user)
            throw new AppError(
              "NOT_FOUND",
              `no cloud account has the email ${assignment.principal.email}; invite them, then assign the role on the cloud`,
            );
          principalId = user.id;
        } else {
          principalId = assignment.principal.id;
        }
        const result = await adoptAssignment(tx, scope, {
          id: assignment.id,
          roleId: role.id,
          principalKind: assignment.principal.kind,
          principalId,
          scope: assignment.scope,
          entityId: assignment.entityId,
          itemId: assignment.itemId,
          createdAt: assignment.createdAt,
        });
        answer.assignments[result]++;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        await refuse(what, error);
      }
    }
  });
  return answer;
}
