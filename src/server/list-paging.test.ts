/**
 * The setup lists page, sort, search and filter the readable set in SQL (issue 11, item 5):
 * a list reads at most a page of rows whatever the firm's size (counted by a Kysely plugin on
 * every query the server makes); every documented sort walks the whole list page by page with
 * no row twice or missing; code= finds one record, case-insensitively; and a limited reader's
 * pages and totals equal what filtering the whole list by their rights gives.
 */
import fc from "fast-check";
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { findRoleByName, insertAssignment } from "../access/access-store.js";
import { insertUser } from "../access/account-store.js";
import { addContactGroup } from "../access/contact-group-service.js";
import { hashPassword } from "../access/passwords.js";
import { createRole } from "../access/role-service.js";
import { addClient } from "../firm-setup/client-service.js";
import { addContact, addContactCompany } from "../firm-setup/contact-service.js";
import { addProject } from "../firm-setup/project-service.js";
import { setRate } from "../firm-setup/rate-service.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { addStaffGroup } from "../firm-setup/staff-group-service.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import { apiOf, type Api } from "../test-support/admin-practice.js";
import { newCloudFirm, PASSWORD, signIn, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

/** Every table a query names, and how many rows each query answered. */
class RowCounter implements KyselyPlugin {
  private readonly tables = new Map<unknown, Set<string>>();
  queries: { tables: Set<string>; rows: number }[] = [];

  transformQuery(args: PluginTransformQueryArgs) {
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (typeof node !== "object" || node === null) return;
      const kind = (node as { kind?: string }).kind;
      if (kind === "TableNode")
        names.add((node as { table: { identifier: { name: string } } }).table.identifier.name);
      for (const value of Object.values(node)) walk(value);
    };
    walk(args.node);
    this.tables.set(args.queryId, names);
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs) {
    this.queries.push({ tables: this.tables.get(args.queryId) ?? new Set(), rows: args.result.rows.length });
    this.tables.delete(args.queryId);
    return Promise.resolve(args.result);
  }
}

interface Page {
  items: { id: string; [key: string]: unknown }[];
  total: number;
  limit: number;
  offset: number;
}

const N = 24;
const pad = (i: number) => String(i).padStart(2, "0");
/** Names with LIKE's wildcards and mixed case, so search has something to get wrong. */
const NAMES = ["Alpha Ltd", "beta_gamma", "100% Delta", "Gamma & Sons", "ALPHA two", "delta"];

/** Each list and the table it pages. */
const LISTS: { path: string; table: string }[] = [
  { path: "/clients", table: "client" },
  { path: "/projects", table: "project" },
  { path: "/staff", table: "staff" },
  { path: "/work-codes", table: "work_code" },
  { path: "/rates", table: "rate" },
  { path: "/contacts", table: "contact" },
  { path: "/contact-companies", table: "contact_company" },
  { path: "/staff-groups", table: "staff_group" },
  { path: "/contact-groups", table: "contact_group" },
  { path: "/users", table: "user_account" },
  { path: "/roles", table: "role" },
  { path: "/assignments", table: "role_assignment" },
];

describe.each(ENGINES)("paged lists on %s", (engine) => {
  const counter = new RowCounter();
  const server = useTestServer(engine, undefined, {}, { watchDb: (db) => db.withPlugin(counter) });
  let admin: Api;
  let limited: Api;
  let limitedId = "";
  let scope: FirmScope;
  const clients: string[] = [];
  const projects: { id: string; clientId: string }[] = [];

  beforeAll(async () => {
    const { db } = server.deps.store;
    const created = await newCloudFirm(server, "lists");
    scope = { firm: created.firm, clock: server.deps.clock, actor: "test" };
    const now = server.deps.clock.now().toISOString();
    const viewer = (await findRoleByName(db, created.firm.id, "Viewer"))!;
    for (let i = 0; i < N; i++) {
      const name = `${NAMES[i % NAMES.length]} ${pad(i)}`;
      const client = await addClient(db, scope, { code: `C${pad(i)}`, name });
      clients.push(client.id);
      const project = await addProject(db, scope, { client: client.id, code: `P${i % 3}`, name });
      projects.push({ id: project.id, clientId: client.id });
      const staff = await addStaff(db, scope, {
        staffNumber: `S${pad(i)}`,
        firstName: NAMES[(i + 1) % NAMES.length]!,
        lastName: name,
        email: `s${pad(i)}@lists.test`,
      });
      await addWorkCode(db, scope, { code: `W${pad(i)}`, name, kind: "time", rate: 1_000_000 + i });
      const company = await addContactCompany(db, scope, { name });
      await addContact(db, scope, {
        firstName: NAMES[(i + 2) % NAMES.length]!,
        lastName: name,
        email: `c${pad(i)}@lists.test`,
        contactCompany: company.id,
        clients: [client.id],
      });
      await addStaffGroup(db, scope, name);
      await addContactGroup(db, scope, name);
      await createRole(db, scope, { name: `Role ${name}`, grants: { reports: "R" } });
      await setRate(db, scope, { client: client.id, rate: 2_000_000 + i });
      await setRate(db, scope, { client: client.id, project: project.id, rate: 3_000_000 + i });
      if (i % 4 === 0) await setRate(db, scope, { staff: staff.id, rate: 4_000_000 + i });
      const userId = await insertUser(
        db,
        {
          firmId: created.firm.id,
          email: staff.email!,
          status: "invited",
          staffId: staff.id,
          contactId: null,
          passwordHash: null,
        },
        now,
      );
      await insertAssignment(db, created.firm.id, {
        roleId: viewer.id,
        principalKind: "user",
        principalId: userId,
        scope: "entity",
        entityId: client.id,
        itemId: null,
        createdAt: now,
      });
    }
    admin = apiOf(server, "lists", (await signIn(server, "lists", created.admin.email)).headers);
    // A staff member with no role: the property below gives them Viewer on some clients and projects.
    const own = await addStaff(db, scope, { staffNumber: "LIM", firstName: "Li", lastName: "Mited" });
    limitedId = await insertUser(
      db,
      {
        firmId: created.firm.id,
        email: "lim@lists.test",
        status: "active",
        staffId: own.id,
        contactId: null,
        passwordHash: await hashPassword(PASSWORD),
      },
      now,
    );
    limited = apiOf(server, "lists", (await signIn(server, "lists", "lim@lists.test")).headers);
  });

  const page = async (api: Api, url: string): Promise<Page> => {
    const response = await api.get(url);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response.json<Page>();
  };

  it("reads at most a page of rows of a list's table, however many the firm holds", async () => {
    for (const { path, table } of LISTS) {
      counter.queries = [];
      const answer = await page(admin, `${path}?limit=5&offset=7`);
      expect(answer.items, path).toHaveLength(5);
      expect(answer.total, path).toBeGreaterThanOrEqual(N);
      const read = counter.queries.filter((query) => query.tables.has(table));
      expect(read.length, path).toBeGreaterThan(0);
      for (const query of read)
        expect(query.rows, `${path}: a query of ${[...query.tables].join(", ")}`).toBeLessThanOrEqual(5);
    }
  });

  it("walks every documented sort of every list page by page, each row once, in the whole list's order", async () => {
    const doc = (await server.app.inject("/api/openapi.json")).json<{
      paths: Record<
        string,
        { get?: { parameters?: { in: string; name: string; schema?: { enum?: string[] } }[] } }
      >;
    }>();
    for (const { path } of LISTS) {
      const sorts = doc.paths[`/f/{firm}/api/v1${path}`]?.get?.parameters?.find(
        (parameter) => parameter.in === "query" && parameter.name === "sort",
      )?.schema?.enum;
      expect(sorts, `${path} documents its sort`).toBeDefined();
      for (const sort of sorts!) {
        const whole = await page(admin, `${path}?sort=${sort}&limit=500`);
        const walked: string[] = [];
        for (let offset = 0; offset < whole.total; offset += 7) {
          const part = await page(admin, `${path}?sort=${sort}&limit=7&offset=${offset}`);
          expect(part.total, `${path}?sort=${sort}`).toBe(whole.total);
          walked.push(...part.items.map((item) => item.id));
        }
        expect(walked, `${path}?sort=${sort}`).toEqual(whole.items.map((item) => item.id));
      }
    }
  });

  it("orders descending with -key, the reverse of the ascending order", async () => {
    const up = await page(admin, "/clients?sort=name&limit=500");
    const down = await page(admin, "/clients?sort=-name&limit=500");
    expect(down.items.map((c) => c.id)).toEqual(up.items.map((c) => c.id).reverse());
    const names = up.items.map((c) => String(c.name).toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it("finds a record by its code, exactly and case-insensitively, on every coded list", async () => {
    const one = async (url: string) => {
      const answer = await page(admin, url);
      expect(answer.total, url).toBe(1);
      return answer.items[0]!;
    };
    expect((await one("/clients?code=c07")).id).toBe(clients[7]);
    expect((await one("/work-codes?code= w07 ")).code).toBe("W07");
    expect((await one("/staff?code=s07")).staffNumber).toBe("S07");
    expect((await one(`/projects?clientId=${clients[7]}&code=p1`)).id).toBe(projects[7]!.id);
    expect((await page(admin, "/projects?code=P1")).total).toBe(N / 3);
    // Exact: a code's prefix is not a match.
    expect((await page(admin, "/clients?code=C0")).total).toBe(0);
  });

  it("searches code, name and email case-insensitively, taking LIKE's wildcards literally", async () => {
    const codes = async (url: string) => (await page(admin, `${url}&limit=500`)).items.map((c) => c.code);
    expect(await codes("/clients?search=%25")).toEqual(["C02", "C08", "C14", "C20"]);
    expect(await codes("/clients?search=_")).toEqual(["C01", "C07", "C13", "C19"]);
    expect(await codes("/clients?search=c2")).toEqual(["C20", "C21", "C22", "C23"]);
    expect(await codes("/clients?search=ALPHA%20TWO")).toEqual(["C04", "C10", "C16", "C22"]);
    const staff = await page(admin, "/staff?search=S05@LISTS");
    expect(staff.items.map((s) => s.staffNumber)).toEqual(["S05"]);
    const users = await page(admin, "/users?search=S05@LISTS");
    expect(users.items.map((u) => u.email)).toEqual(["s05@lists.test"]);
  });

  it("gives a limited reader the pages and totals that filtering the whole list by their rights gives", async () => {
    const { db } = server.deps.store;
    const firmId = scope.firm.id;
    const viewer = (await findRoleByName(db, firmId, "Viewer"))!;
    const LIMITED_LISTS = [
      { path: "/clients", sorts: ["code", "-name", "createdAt"] },
      { path: "/projects", sorts: ["client", "-code", "name", "-createdAt"] },
      { path: "/rates", sorts: ["owner", "-effectiveDate"] },
    ];
    const query = fc.record({
      list: fc.integer({ min: 0, max: LIMITED_LISTS.length - 1 }),
      sort: fc.nat(),
      search: fc.constantFrom("", "a", "ET", "_", "%", "1", "c0", "p2", "w1"),
      limit: fc.integer({ min: 1, max: 9 }),
      offset: fc.integer({ min: 0, max: 30 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: N - 1 }), { maxLength: 8 }),
        fc.uniqueArray(fc.integer({ min: 0, max: N - 1 }), { maxLength: 4 }),
        query,
        async (entityIndexes, itemIndexes, q) => {
          await db.deleteFrom("role_assignment").where("principal_id", "=", limitedId).execute();
          const at = server.deps.clock.now().toISOString();
          const grant = (scopeOf: "entity" | "item", entityId: string, itemId: string | null) =>
            insertAssignment(db, firmId, {
              roleId: viewer.id,
              principalKind: "user",
              principalId: limitedId,
              scope: scopeOf,
              entityId,
              itemId,
              createdAt: at,
            });
          for (const i of entityIndexes) await grant("entity", clients[i]!, null);
          for (const i of itemIndexes) await grant("item", projects[i]!.clientId, projects[i]!.id);
          const entities = new Set(entityIndexes.map((i) => clients[i]!));
          const items = new Set(itemIndexes.map((i) => projects[i]!.id));
          const { path, sorts } = LIMITED_LISTS[q.list]!;
          const readable = (row: Page["items"][number]): boolean => {
            if (path === "/clients") return entities.has(row.id);
            if (path === "/projects") return entities.has(String(row.clientId)) || items.has(row.id);
            // Rates: work codes' for every staff user; a client's and its projects' with its entity_details.
            if (row.scope === "work_code") return true;
            if (row.scope === "staff") return false;
            const project = projects.find((p) => p.id === row.projectId);
            return entities.has(project ? project.clientId : String(row.clientId));
          };
          const base = `${path}?sort=${sorts[q.sort % sorts.length]}&search=${encodeURIComponent(q.search)}`;
          const whole = (await page(admin, `${base}&limit=500`)).items.filter(readable);
          const mine = await page(limited, `${base}&limit=${q.limit}&offset=${q.offset}`);
          expect(mine.total).toBe(whole.length);
          expect(mine.items.map((row) => row.id)).toEqual(
            whole.slice(q.offset, q.offset + q.limit).map((row) => row.id),
          );
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });
});
