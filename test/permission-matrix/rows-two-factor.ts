/**
 * Matrix rows for two-factor sign-in: the second step of signing in (public: a challenge is
 * the credential, whoever else the caller is), one's own enrolment, recovery codes and turning
 * it off (every signed-in user, for themselves), an Admin's reset of someone else's (users:E)
 * and the firm's requirement (read by all; changed with settings:E). Codes are computed from
 * the enrolment's secret at the server's clock, each for a later step than the last accepted.
 */
import { findUserById, insertUser, type UserAccount } from "../../src/access/account-store.js";
import { newSecret, sha256 } from "../../src/access/secrets.js";
import { hotp, base32Decode, timeStep } from "../../src/access/totp.js";
import { confirmEnrolmentOf, startEnrolment } from "../../src/access/two-factor-service.js";
import { deleteEnrolment, findEnrolment, insertChallenge } from "../../src/access/two-factor-store.js";
import { addStaff } from "../../src/firm-setup/staff-service.js";
import type { TestServer } from "../../src/test-support/server.js";
import type { ActorName, MatrixFixture } from "./actors.js";
import { A, anySignedIn, only, type MatrixRow } from "./rows.js";

let counter = 0;
const ADDRESS = "192.0.2.99";

/** The code of the first step after the last one accepted, still within the ±1 step window. */
async function nextCode(server: TestServer, user: UserAccount): Promise<string> {
  const enrolment = (await findEnrolment(server.deps.store.db, user.firmId, user.id))!;
  const now = timeStep(server.deps.clock.now().getTime());
  const step = Math.max(now - 1, (enrolment.lastStep ?? -Infinity) + 1);
  return hotp(base32Decode(enrolment.secret)!, step);
}

/** Two-factor sign-in on for the user, confirmed with the oldest code the window accepts. */
async function ensureEnrolled(server: TestServer, fx: MatrixFixture, user: UserAccount): Promise<void> {
  const { db } = server.deps.store;
  if ((await findEnrolment(db, user.firmId, user.id))?.confirmedAt) return;
  await startEnrolment(db, server.deps.clock, fx.scope.firm, user);
  await confirmEnrolmentOf(db, server.deps.clock, user, {
    code: await nextCode(server, user),
    address: ADDRESS,
  });
}

const actorUser = async (server: TestServer, fx: MatrixFixture, actor: ActorName) => {
  const id = fx.userIds[actor];
  return id ? findUserById(server.deps.store.db, fx.scope.firm.id, id) : undefined;
};

/** A fresh staff user (with two-factor when `code`) and a live challenge of theirs. */
async function freshChallenge(server: TestServer, fx: MatrixFixture, purpose: "code" | "enrol") {
  const { db } = server.deps.store;
  const now = server.deps.clock.now();
  const n = ++counter;
  const staff = await addStaff(db, fx.scope, {
    staffNumber: `TF${n}`,
    firstName: "Two",
    lastName: `Factor${n}`,
    email: `twofactor${n}@alpha.test`,
  });
  const id = await insertUser(
    db,
    {
      firmId: fx.scope.firm.id,
      email: staff.email!,
      status: "active",
      staffId: staff.id,
      contactId: null,
      passwordHash: null,
    },
    now.toISOString(),
  );
  const user = (await findUserById(db, fx.scope.firm.id, id))!;
  if (purpose === "code") await ensureEnrolled(server, fx, user);
  const challenge = newSecret();
  await insertChallenge(
    db,
    {
      id: sha256(challenge),
      firmId: user.firmId,
      userId: user.id,
      purpose,
      expiresAt: new Date(now.getTime() + 300_000).toISOString(),
      requestId: null,
      usedAt: null,
    },
    now.toISOString(),
  );
  return { challenge, user };
}

export const TWO_FACTOR_ROWS: MatrixRow[] = [
  {
    route: "POST /f/:firm/api/v1/auth/login/two-factor",
    name: "a live challenge and its user's next code",
    request: async (fx, _actor, server) => {
      const { challenge, user } = await freshChallenge(server, fx, "code");
      return {
        url: `${A}/auth/login/two-factor`,
        payload: { challenge, code: await nextCode(server, user) },
      };
    },
    expect: () => 200,
  },
  {
    route: "POST /f/:firm/api/v1/auth/login/two-factor/enrolment",
    name: "a live enrol challenge",
    request: async (fx, _actor, server) => {
      const { challenge } = await freshChallenge(server, fx, "enrol");
      return { url: `${A}/auth/login/two-factor/enrolment`, payload: { challenge } };
    },
    expect: () => 200,
  },
  {
    route: "POST /f/:firm/api/v1/auth/login/two-factor/enrolment/confirm",
    name: "a live enrol challenge and its pending enrolment's code",
    request: async (fx, _actor, server) => {
      const { challenge, user } = await freshChallenge(server, fx, "enrol");
      await startEnrolment(server.deps.store.db, server.deps.clock, fx.scope.firm, user);
      return {
        url: `${A}/auth/login/two-factor/enrolment/confirm`,
        payload: { challenge, code: await nextCode(server, user) },
      };
    },
    expect: () => 200,
  },
  {
    route: "GET /f/:firm/api/v1/auth/two-factor",
    request: () => ({ url: `${A}/auth/two-factor` }),
    expect: anySignedIn(200),
  },
  {
    route: "POST /f/:firm/api/v1/auth/two-factor/enrolment",
    name: "one's own, while off",
    request: async (fx, actor, server) => {
      const user = await actorUser(server, fx, actor);
      if (user) await deleteEnrolment(server.deps.store.db, user.firmId, user.id);
      return { url: `${A}/auth/two-factor/enrolment` };
    },
    expect: anySignedIn(200),
  },
  {
    route: "POST /f/:firm/api/v1/auth/two-factor/enrolment/confirm",
    name: "one's own pending enrolment, with its code",
    request: async (fx, actor, server) => {
      const user = await actorUser(server, fx, actor);
      if (!user) return { url: `${A}/auth/two-factor/enrolment/confirm`, payload: { code: "123456" } };
      await deleteEnrolment(server.deps.store.db, user.firmId, user.id);
      await startEnrolment(server.deps.store.db, server.deps.clock, fx.scope.firm, user);
      return {
        url: `${A}/auth/two-factor/enrolment/confirm`,
        payload: { code: await nextCode(server, user) },
      };
    },
    expect: anySignedIn(200),
  },
  {
    route: "POST /f/:firm/api/v1/auth/two-factor/recovery-codes",
    name: "with one's own next code",
    request: async (fx, actor, server) => {
      const user = await actorUser(server, fx, actor);
      if (!user) return { url: `${A}/auth/two-factor/recovery-codes`, payload: { code: "123456" } };
      await ensureEnrolled(server, fx, user);
      return { url: `${A}/auth/two-factor/recovery-codes`, payload: { code: await nextCode(server, user) } };
    },
    expect: anySignedIn(200),
  },
  {
    route: "POST /f/:firm/api/v1/auth/two-factor/turn-off",
    name: "with one's own next code",
    request: async (fx, actor, server) => {
      const user = await actorUser(server, fx, actor);
      if (!user) return { url: `${A}/auth/two-factor/turn-off`, payload: { code: "123456" } };
      await ensureEnrolled(server, fx, user);
      return { url: `${A}/auth/two-factor/turn-off`, payload: { code: await nextCode(server, user) } };
    },
    expect: anySignedIn(204),
  },
  {
    route: "DELETE /f/:firm/api/v1/users/:id/two-factor",
    name: "viewerSystem's, enrolled",
    request: async (fx, _actor, server) => {
      const user = (await actorUser(server, fx, "viewerSystem"))!;
      await ensureEnrolled(server, fx, user);
      return { url: `${A}/users/${user.id}/two-factor` };
    },
    // Nobody resets their own (they turn it off with a code); who may not read users learns nothing.
    expect: (actor) => (actor === "viewerSystem" ? 403 : only(["admin"], 204, { denied: 404 })(actor)),
  },
  {
    route: "GET /f/:firm/api/v1/firm/two-factor",
    request: () => ({ url: `${A}/firm/two-factor` }),
    expect: anySignedIn(200),
  },
  {
    route: "PUT /f/:firm/api/v1/firm/two-factor",
    name: "requiring it of nobody (the other rows sign in without it)",
    request: () => ({ url: `${A}/firm/two-factor`, payload: { staff: false, contacts: false } }),
    expect: only(["admin", "settingsAdmin"], 200),
  },
];
