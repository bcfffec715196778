/**
 * For account tests: a test server whose emails really go out over SMTP to a local test
 * server, and active staff users with a built-in role, made through the real stores.
 */
import { afterAll, beforeAll } from "vitest";
import { findRoleByName, insertAssignment } from "../access/access-store.js";
import { insertUser } from "../access/account-store.js";
import { hashPassword } from "../access/passwords.js";
import type { BuiltInRoleName } from "../access/permissions.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { createMailDeliverer, type MailDeliverer } from "../mail/deliverer.js";
import { createSmtpTransport } from "../mail/smtp-transport.js";
import { PASSWORD, type TestServer } from "./server.js";
import { startTestSmtp, type TestSmtp } from "./smtp-server.js";

export interface TestMail {
  smtp: TestSmtp;
  deliverer: MailDeliverer;
}

const quietLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** Wires a real deliverer into the server's notifyMail, sending to a local SMTP server. */
export function useTestMail(server: TestServer): TestMail {
  const holder = {} as TestMail;
  beforeAll(async () => {
    holder.smtp = await startTestSmtp();
    holder.deliverer = createMailDeliverer({
      store: server.deps.store,
      clock: server.deps.clock,
      transport: createSmtpTransport(holder.smtp.url, "firmtime <no-reply@firmtime.test>"),
      logger: quietLogger,
      messageIdDomain: "firmtime.test",
      policy: { pollMs: 3_600_000 },
    });
    server.deps.notifyMail = holder.deliverer.notify;
  });
  afterAll(async () => {
    await holder.deliverer?.stop();
    await holder.smtp?.stop();
  });
  return holder;
}

/** An active staff user with a password and, optionally, a built-in role at system scope. */
export async function addStaffUser(
  server: TestServer,
  firm: Firm,
  person: { staffNumber: string; email: string; role?: BuiltInRoleName; password?: string },
): Promise<{ userId: string; staffId: string }> {
  const { db } = server.deps.store;
  const clock = server.deps.clock;
  const now = clock.now().toISOString();
  const staff = await addStaff(
    db,
    { firm, clock, actor: "test" },
    { staffNumber: person.staffNumber, firstName: person.staffNumber, lastName: "Test", email: person.email },
  );
  const userId = await insertUser(
    db,
    {
      firmId: firm.id,
      email: staff.email!,
      status: "active",
      staffId: staff.id,
      contactId: null,
      passwordHash: await hashPassword(person.password ?? PASSWORD),
    },
    now,
  );
  if (person.role) {
    const role = (await findRoleByName(db, firm.id, person.role))!;
    await insertAssignment(db, firm.id, {
      roleId: role.id,
      principalKind: "user",
      principalId: userId,
      scope: "system",
      entityId: null,
      itemId: null,
      createdAt: now,
    });
  }
  return { userId, staffId: staff.id };
}
