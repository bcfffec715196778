/**
 * A practice for the route tests of firm administration (firm, staff, groups, work codes,
 * rates, roles, sharing): users holding each administrative role, a staff user with none, an
 * entity Owner and Editor, a portal contact, and a second firm whose ids must never work here.
 * Records are made through the real services and stores; callers act through app.inject.
 */
import type { LightMyRequestResponse } from "fastify";
import { beforeAll, expect } from "vitest";
import { findRoleByName, insertAssignment } from "../access/access-store.js";
import { insertUser } from "../access/account-store.js";
import { hashPassword } from "../access/passwords.js";
import type { AssignmentScope } from "../access/permissions.js";
import { addClient } from "../firm-setup/client-service.js";
import { addContact } from "../firm-setup/contact-service.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { addProject } from "../firm-setup/project-service.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import { snapshotStore } from "./seed.js";
import { newCloudFirm, PASSWORD, signIn, type TestServer } from "./server.js";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Api {
  get(path: string): Promise<LightMyRequestResponse>;
  post(path: string, body: unknown): Promise<LightMyRequestResponse>;
  put(path: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(path: string, body: unknown): Promise<LightMyRequestResponse>;
  delete(path: string): Promise<LightMyRequestResponse>;
}

export function apiOf(server: TestServer, slug: string, headers: Record<string, string>): Api {
  const call = (method: Method, path: string, payload?: unknown) =>
    server.app.inject({
      method,
      url: `/f/${slug}/api/v1${path}`,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body),
    put: (path, body) => call("PUT", path, body),
    patch: (path, body) => call("PATCH", path, body),
    delete: (path) => call("DELETE", path),
  };
}

export const ADMIN_PEOPLE = [
  "admin",
  "staffAdmin",
  "settingsAdmin",
  "jane",
  "owner",
  "editor",
  "connie",
] as const;
export type AdminPerson = (typeof ADMIN_PEOPLE)[number];

interface Grant {
  role: string;
  scope: AssignmentScope;
  entityId?: string;
}

export interface AdminPractice {
  firm: Firm;
  scope: FirmScope;
  /** admin (Admin), staffAdmin (Staff Admin), settingsAdmin (Settings Admin), jane (staff, no
   * role), owner (Owner of ACME), editor (Editor of ACME), connie (contact, Entity Access on ACME). */
  as: Record<AdminPerson, Api>;
  userIds: Record<AdminPerson, string>;
  staffIds: Record<Exclude<AdminPerson, "connie">, string>;
  contactId: string;
  clients: { acme: string; beta: string };
  project: string;
  workCodes: { tax: string; mile: string };
  /** The other firm: its Admin, and ids of its records. */
  other: {
    slug: string;
    as: Api;
    /** Its Admin's session headers, to try on this firm's URLs. */
    headers: Record<string, string>;
    userId: string;
    staff: string;
    client: string;
    project: string;
    workCode: string;
    contact: string;
  };
}

async function addUser(
  server: TestServer,
  firm: Firm,
  person: { email: string; staffId?: string; contactId?: string; grants?: Grant[] },
): Promise<string> {
  const { db } = server.deps.store;
  const now = server.deps.clock.now().toISOString();
  const userId = await insertUser(
    db,
    {
      firmId: firm.id,
      email: person.email,
      status: "active",
      staffId: person.staffId ?? null,
      contactId: person.contactId ?? null,
      passwordHash: await hashPassword(PASSWORD),
    },
    now,
  );
  for (const grant of person.grants ?? []) {
    const role = (await findRoleByName(db, firm.id, grant.role))!;
    await insertAssignment(db, firm.id, {
      roleId: role.id,
      principalKind: "user",
      principalId: userId,
      scope: grant.scope,
      entityId: grant.entityId ?? null,
      itemId: null,
      createdAt: now,
    });
  }
  return userId;
}

async function seedOtherFirm(server: TestServer, slug: string): Promise<AdminPractice["other"]> {
  const { firm, staff, admin } = await newCloudFirm(server, slug);
  const scope = { firm, clock: server.deps.clock, actor: "test" };
  const db = server.deps.store.db;
  const client = await addClient(db, scope, { code: "ZED", name: "Zed plc" });
  const project = await addProject(db, scope, { client: client.id, code: "Z1", name: "Zed job" });
  const workCode = await addWorkCode(db, scope, { code: "TAX", kind: "time", name: "Tax", rate: 1_000_000 });
  const contact = await addContact(db, scope, { firstName: "Zoe", lastName: "Zed", clients: [client.id] });
  const { headers } = await signIn(server, slug, admin.email);
  return {
    slug,
    as: apiOf(server, slug, headers),
    headers,
    userId: admin.id,
    staff: staff.id,
    client: client.id,
    project: project.id,
    workCode: workCode.id,
    contact: contact.id,
  };
}

async function seedAdminPractice(server: TestServer, slug: string): Promise<AdminPractice> {
  const db = server.deps.store.db;
  const { firm, staff: adminStaff, admin } = await newCloudFirm(server, slug);
  const scope: FirmScope = { firm, clock: server.deps.clock, actor: "test" };
  const staffMember = (staffNumber: string, firstName: string) =>
    addStaff(db, scope, {
      staffNumber,
      firstName,
      lastName: "Test",
      email: `${firstName.toLowerCase()}@${slug}.test`,
    });
  const acme = await addClient(db, scope, { code: "ACME", name: "Acme Ltd" });
  const beta = await addClient(db, scope, { code: "BETA", name: "Beta LLP" });
  const project = await addProject(db, scope, { client: acme.id, code: "AUDIT", name: "Year-end audit" });
  const tax = await addWorkCode(db, scope, { code: "TAX", kind: "time", name: "Tax", rate: 1_500_000 });
  const mile = await addWorkCode(db, scope, { code: "MILE", kind: "expense", name: "Mileage", rate: 5_800 });
  const connie = await addContact(db, scope, {
    firstName: "Connie",
    lastName: "Contact",
    email: `connie@${slug}.test`,
    clients: [acme.id],
  });

  const staffIds = { admin: adminStaff.id } as AdminPractice["staffIds"];
  const userIds = { admin: admin.id } as AdminPractice["userIds"];
  const people: [Exclude<AdminPerson, "admin" | "connie">, string, Grant[]][] = [
    ["staffAdmin", "Stan", [{ role: "Staff Admin", scope: "system" }]],
    ["settingsAdmin", "Seth", [{ role: "Settings Admin", scope: "system" }]],
    ["jane", "Jane", []],
    ["owner", "Olive", [{ role: "Owner", scope: "entity", entityId: acme.id }]],
    ["editor", "Eddie", [{ role: "Editor", scope: "entity", entityId: acme.id }]],
  ];
  for (const [who, firstName, grants] of people) {
    const staff = await staffMember(firstName.slice(0, 2).toUpperCase(), firstName);
    staffIds[who] = staff.id;
    userIds[who] = await addUser(server, firm, { email: staff.email!, staffId: staff.id, grants });
  }
  userIds.connie = await addUser(server, firm, {
    email: connie.email!,
    contactId: connie.id,
    grants: [{ role: "Contact – Entity Access", scope: "entity", entityId: acme.id }],
  });

  const emails = {
    admin: admin.email,
    staffAdmin: `stan@${slug}.test`,
    settingsAdmin: `seth@${slug}.test`,
    jane: `jane@${slug}.test`,
    owner: `olive@${slug}.test`,
    editor: `eddie@${slug}.test`,
    connie: connie.email!,
  } satisfies Record<AdminPerson, string>;
  const as = {} as Record<AdminPerson, Api>;
  for (const who of ADMIN_PEOPLE)
    as[who] = apiOf(server, slug, (await signIn(server, slug, emails[who])).headers);

  return {
    firm,
    scope,
    as,
    userIds,
    staffIds,
    contactId: connie.id,
    clients: { acme: acme.id, beta: beta.id },
    project: project.id,
    workCodes: { tax: tax.id, mile: mile.id },
    other: await seedOtherFirm(server, `${slug}-other`),
  };
}

/** Seeds the practice (firm `slug`, other firm `${slug}-other`) once for a describe block. */
export function useAdminPractice(server: TestServer, slug: string): AdminPractice {
  const practice = {} as AdminPractice;
  beforeAll(async () => {
    Object.assign(practice, await seedAdminPractice(server, slug));
  });
  return practice;
}

/** Runs a request that must be refused with `status`, and checks that no table changed. */
export async function expectRefused(
  server: TestServer,
  status: number,
  request: () => Promise<LightMyRequestResponse>,
): Promise<LightMyRequestResponse> {
  const before = await snapshotStore(server.deps.store.db);
  const response = await request();
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
  expect(await snapshotStore(server.deps.store.db)).toEqual(before);
  return response;
}

/** The ids of a list response, in order. */
export const listIds = (response: LightMyRequestResponse): string[] =>
  response.json<{ items: { id: string }[] }>().items.map((item) => item.id);
