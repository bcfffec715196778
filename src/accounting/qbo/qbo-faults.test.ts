/**
 * What QuickBooks Online does to a connection (throttles, 5xx, 401, lost answers, injected 6240
 * and 5010) and what the target does about it, through the real npm clients against the
 * QBO-compatible server: nothing is written twice, the company's limits are never exceeded, and
 * every failure ends in one of the contract's codes.
 */
import { describe, expect, it } from "vitest";
import { connectedQboTarget as connected, qboAppOf } from "../../test-support/qbo-server-target.js";
import { timeAmount } from "../../domain/money.js";
import { startQboServer } from "../../test-support/qbo-server.js";
import type { ExpensePosting, TargetError, TimePosting } from "../target.js";
import { QboClient, qboAuthorizeUrl, qboExchangeCode } from "./qbo-client.js";

async function staffAndClient(target: Awaited<ReturnType<typeof connected>>["target"]) {
  const employee = await target.createRecord(
    { kind: "employee", name: "Ann Lee", parentExternalId: null },
    "s-1",
  );
  const customer = await target.createRecord(
    { kind: "customer", name: "Globex", parentExternalId: null },
    "c-1",
  );
  return { employee, customer };
}

function timePosting(n: number, workerId: string, customerId: string): TimePosting {
  const minutes = 15 + n * 7;
  const rate = 1_337_500; // 133.75 an hour: most durations land on a fraction of a cent
  return {
    transferId: `te-${n}`,
    date: "2026-03-04",
    workerKind: "employee",
    workerExternalId: workerId,
    customerExternalId: customerId,
    itemExternalId: null,
    minutes,
    rate,
    amount: timeAmount(rate, minutes, 2),
    billable: n % 2 === 0,
    description: `work ${n}`,
  };
}

describe("QuickBooks Online's faults", () => {
  it("reports a duplicate name QuickBooks answers with 6240, in its words", async () => {
    const { server, target } = await connected();
    server.inject({ kind: "duplicate-name", count: 1 });
    const error = await target
      .createRecord({ kind: "vendor", name: "Initech", parentExternalId: null }, "v-1")
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "duplicate_name" });
    expect((error as TargetError).detail).toContain("6240");
    expect((error as TargetError).message).toContain("The name supplied already exists");
    expect(server.records("Vendor")).toEqual([]);
    await target.close();
  });

  it("gives up on an update that stays stale after one fresh retry", async () => {
    const { server, target } = await connected();
    const customer = await target.createRecord(
      { kind: "customer", name: "Acme", parentExternalId: null },
      "c-9",
    );
    server.inject({ kind: "stale", count: 2 });
    await expect(target.updateRecord({ ...customer, name: "Acme Ltd", active: true })).rejects.toMatchObject({
      code: "stale",
    });
    expect(server.records("Customer")[0]).toMatchObject({ DisplayName: "Acme", SyncToken: "0" });
    await target.close();
  });

  it("refreshes once after a 401 and carries on, saving the new tokens first", async () => {
    const { server, target, saved } = await connected();
    server.inject({ kind: "unauthorized", count: 1 });
    expect(await target.listRecords("employee")).toEqual([]);
    expect(saved).toHaveLength(1);
    const refreshed = server.log.findIndex((request) => request.path === "/oauth2/v1/tokens/bearer");
    expect(server.log.map((request) => request.status)).toEqual([401, 200, 200]);
    expect(refreshed).toBe(1);
    await target.close();
  });

  it("hands each rotated refresh token to saveTokens before the new tokens are used", async () => {
    const seenAtSave: string[][] = [];
    const { server, target } = await connected(
      {},
      {
        saveTokens: async () => {
          // What QuickBooks had seen when the new tokens were handed over: nothing after the grant.
          seenAtSave.push(server.log.map((request) => `${request.path} ${request.status}`));
          await new Promise((resolve) => setTimeout(resolve, 30));
        },
      },
    );
    server.expireAccessTokens();
    await target.listRecords("vendor");
    // Refused with the expired token, refreshed, saved, and only then asked again.
    expect(seenAtSave).toEqual([["query 401", "/oauth2/v1/tokens/bearer 200"]]);
    expect(server.log.map((request) => `${request.path} ${request.status}`)).toEqual([
      "query 401",
      "/oauth2/v1/tokens/bearer 200",
      "query 200",
    ]);
    await target.close();
  });

  it("refreshes an access token about to expire before using it, not after a 401", async () => {
    let clock = new Date();
    const { server, target } = await connected({}, { now: () => clock });
    await target.listRecords("vendor");
    clock = new Date(clock.getTime() + 3_570_000); // 59.5 minutes into an hour's token
    await target.listRecords("vendor");
    expect(server.log.map((request) => `${request.path} ${request.status}`)).toEqual([
      "query 200",
      "/oauth2/v1/tokens/bearer 200",
      "query 200",
    ]);
    await target.close();
  });

  it("tries the token service again when it fails, without sending anything meanwhile", async () => {
    let clock = new Date();
    const { server, target, saved } = await connected({}, { now: () => clock });
    clock = new Date(clock.getTime() + 3_600_000);
    server.inject({ kind: "token-server-error", count: 2 });
    expect(await target.listRecords("vendor")).toEqual([]);
    expect(saved).toHaveLength(1);
    expect(server.log.map((request) => `${request.path} ${request.status}`)).toEqual([
      "/oauth2/v1/tokens/bearer 500",
      "/oauth2/v1/tokens/bearer 500",
      "/oauth2/v1/tokens/bearer 200",
      "query 200",
    ]);
    await target.close();
  });

  it("never uses tokens it could not save, and rotates from the saved ones next time", async () => {
    let failSave = true;
    const savedRefreshTokens: string[] = [];
    const { server, target, tokens } = await connected(
      {},
      {
        saveTokens: (next) => {
          if (failSave) return Promise.reject(new Error("the database is gone"));
          savedRefreshTokens.push(next.refreshToken);
          return Promise.resolve();
        },
      },
    );
    server.expireAccessTokens();
    await expect(target.listRecords("vendor")).rejects.toThrow("the database is gone");
    expect(server.log.map((request) => request.path)).toEqual(["query", "/oauth2/v1/tokens/bearer"]);
    // The unsaved token was never used, so the saved (old) one still rotates.
    failSave = false;
    expect(await target.listRecords("vendor")).toEqual([]);
    expect(savedRefreshTokens).toHaveLength(1);
    expect(savedRefreshTokens[0]).not.toBe(tokens.refreshToken);
    await target.close();
  });

  it("retries a 500 and, when it persists, says the books did not answer", async () => {
    const { server, target } = await connected({}, { maxAttempts: 3 });
    server.inject({ kind: "server-error", count: 2 });
    expect(await target.listRecords("item")).toEqual([]);
    server.inject({ kind: "server-error", count: 3 });
    await expect(target.listRecords("item")).rejects.toMatchObject({ code: "transient" });
    await target.close();
  });

  it("waits as long as Retry-After asks, and gives up as throttled when 429s never end", async () => {
    const { server, target } = await connected({}, { maxAttempts: 4 });
    server.inject({ kind: "throttle", count: 1, retryAfterSeconds: 1 });
    const started = Date.now();
    await target.listRecords("vendor");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    server.inject({ kind: "throttle", count: 4 });
    await expect(target.listRecords("vendor")).rejects.toMatchObject({ code: "throttled" });
    await target.close();
  });

  it("replays a create whose answer was lost instead of creating it twice", async () => {
    const { server, target } = await connected();
    server.inject({ kind: "drop-after-write", count: 1 });
    const created = await target.createRecord(
      { kind: "customer", name: "Hooli", parentExternalId: null },
      "c-7",
    );
    expect(server.records("Customer")).toEqual([expect.objectContaining({ Id: created.externalId })]);
    const sends = server.log.filter((request) => request.path === "customer");
    expect(sends.map((request) => [request.requestId, request.status, request.replayed])).toEqual([
      ["c-7", 0, false],
      ["c-7", 200, true],
    ]);
    await target.close();
  });

  it("never sends a write without a requestid twice: a lost answer is reported, not retried", async () => {
    const { server, tokens } = await connected();
    const client = new QboClient({
      app: qboAppOf(server),
      realmId: server.realmId,
      tokens,
      saveTokens: () => Promise.resolve(),
      retryBaseMs: 5,
    });
    server.inject({ kind: "drop-after-write", count: 1 });
    await expect(client.call("createVendor", { DisplayName: "Umbrella" })).rejects.toMatchObject({
      code: "transient",
    });
    expect(server.records("Vendor")).toHaveLength(1);
    expect(server.log.filter((request) => request.path === "vendor")).toHaveLength(1);
    await client.close();
  });

  it("close() wakes a call waiting to retry, and sends nothing more", async () => {
    const { server, target } = await connected();
    server.inject({ kind: "throttle", count: 1, retryAfterSeconds: 20 });
    const waiting = target.listRecords("customer").catch((caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await target.close();
    expect(await waiting).toMatchObject({ code: "transient" });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.stats.requests).toBe(1);
  });

  it("close() while the throttled answer is on its way says the connection closed, not a slowdown", async () => {
    const { server, target } = await connected();
    server.inject({ kind: "throttle", count: 1, retryAfterSeconds: 20 });
    const waiting = target.listRecords("customer").catch((caught: unknown) => caught);
    await target.close();
    expect(await waiting).toMatchObject({ code: "transient" });
    expect(server.stats.requests).toBeLessThanOrEqual(1);
  });
});

describe("time and expenses to the cent", () => {
  it("posts 30 time activities once although the answer was lost, each as firmtime computed it", async () => {
    const { server, target } = await connected();
    const { employee, customer } = await staffAndClient(target);
    const postings = Array.from({ length: 30 }, (_, n) =>
      timePosting(n, employee.externalId, customer.externalId),
    );
    server.inject({ kind: "drop-after-write", count: 1 });
    const results = await target.postTime("batch-0001", postings);
    expect(results.map((result) => [result.transferId, result.ok, "warning" in result])).toEqual(
      postings.map((posting) => [posting.transferId, true, false]),
    );
    // Sent again by a restarted connector under the same batch id: the same answer, no new rows.
    const again = await target.postTime("batch-0001", postings);
    expect(again).toEqual(results);
    expect(server.records("TimeActivity")).toHaveLength(30);
    expect(
      server.log.filter((request) => request.path === "batch").map((request) => request.replayed),
    ).toEqual([false, true, true]);
    const total = postings.reduce((sum, posting) => sum + BigInt(posting.amount), 0n);
    expect(server.totalsByCustomer().get(customer.externalId)).toBe(total);
    await target.close();
  });

  it("still reports posted, with a warning, a time activity QuickBooks stored at another rate", async () => {
    const { target } = await connected({ rateDecimals: 2 });
    const { employee, customer } = await staffAndClient(target);
    const exact = timePosting(0, employee.externalId, customer.externalId);
    const fine = {
      ...exact,
      transferId: "te-fine",
      rate: 1_337_525,
      amount: timeAmount(1_337_525, exact.minutes, 2),
    };
    const [plain, rounded] = await target.postTime("batch-0005", [exact, fine]);
    expect(plain).toMatchObject({ ok: true });
    expect(plain).not.toHaveProperty("warning");
    expect(rounded).toMatchObject({
      ok: true,
      warning: "QuickBooks Online stored the rate 133.75, not 133.7525",
    });
    await target.close();
  });

  it("refuses, unsent, a time posting whose amount QuickBooks would show otherwise, and a batch over 30", async () => {
    const { server, target } = await connected();
    const { employee, customer } = await staffAndClient(target);
    const good = timePosting(1, employee.externalId, customer.externalId);
    const off = { ...timePosting(2, employee.externalId, customer.externalId), transferId: "te-off" };
    off.amount += 1;
    const results = await target.postTime("batch-0002", [good, off]);
    expect(results[0]).toMatchObject({ transferId: good.transferId, ok: true });
    expect(results[1]).toMatchObject({ transferId: "te-off", ok: false, code: "invalid" });
    expect(server.records("TimeActivity")).toHaveLength(1);

    const many = Array.from({ length: 31 }, (_, n) =>
      timePosting(n, employee.externalId, customer.externalId),
    );
    await expect(target.postTime("batch-0003", many)).rejects.toMatchObject({ code: "invalid" });
    expect(server.stats.batches).toBe(1);
    await target.close();
  });

  it("posts expenses as purchases, refusing one to an inactive client without losing the rest", async () => {
    const { server, target } = await connected();
    const { employee, customer } = await staffAndClient(target);
    const gone = await target.createRecord(
      { kind: "customer", name: "Gone Co", parentExternalId: null },
      "c-2",
    );
    server.edit("Customer", gone.externalId, { Active: false });
    const travel = (await target.listAccounts()).find((account) => account.name === "Travel")!;
    const expense = (n: number, customerId: string, amount: number): ExpensePosting => ({
      transferId: `ex-${n}`,
      date: "2026-03-05",
      payeeKind: "employee",
      payeeExternalId: employee.externalId,
      customerExternalId: customerId,
      accountExternalId: travel.externalId,
      amount,
      billable: true,
      description: "train",
    });
    const results = await target.postExpenses("batch-0004", [
      expense(1, customer.externalId, 12_345),
      expense(2, gone.externalId, 500),
      expense(3, customer.externalId, 7),
    ]);
    expect(results.map((result) => result.ok)).toEqual([true, false, true]);
    expect(server.records("Purchase").map((purchase) => purchase.TotalAmt)).toEqual([123.45, 0.07]);
    expect(server.totalsByCustomer().get(customer.externalId)).toBe(12_352n);
    await target.close();
  });
});

describe("the company's limits", () => {
  it("never has more than 10 requests in flight nor more than the window's quota, so QuickBooks never throttles", async () => {
    // 15 a second stands in for 500 a minute, so the test takes seconds, not minutes.
    const limits = { maxConcurrent: 10, perMinute: 15, windowMs: 1000 };
    const { server, target } = await connected(
      { latencyMs: 30, maxConcurrent: 10, perMinute: 15, windowMs: 1000 },
      { limits },
    );
    const started = Date.now();
    await Promise.all(Array.from({ length: 40 }, () => target.listRecords("employee")));
    expect(server.stats.requests).toBe(40);
    expect(server.stats.throttled).toBe(0);
    expect(server.stats.maxInFlight).toBeLessThanOrEqual(10);
    expect(server.stats.maxInFlight).toBeGreaterThan(1);
    expect(server.stats.maxPerMinute).toBeLessThanOrEqual(15);
    // 40 requests at 15 a second need two windows to pass.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    await target.close();
  });
});

describe("the test server's own rules", () => {
  it("answers 429 to a client that ignores the limits, and 400 to a batch over 30", async () => {
    // A company no QboTarget has spoken to yet, so its gate takes this client's loose limits.
    const server = await startQboServer({ realmId: "9130999999990001", latencyMs: 200 });
    const issued = server.issueTokens();
    const client = new QboClient({
      app: qboAppOf(server),
      realmId: server.realmId,
      tokens: {
        accessToken: issued.accessToken,
        accessExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        refreshToken: issued.refreshToken,
        refreshExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
      saveTokens: () => Promise.resolve(),
      limits: { maxConcurrent: 50, perMinute: 1000 },
      maxAttempts: 1,
    });
    const answers = await Promise.allSettled(
      Array.from({ length: 20 }, () => client.call("findVendors", [])),
    );
    // However the 20 arrive, the server never holds more than 10 and refuses the rest with 429.
    const refused = answers.filter((answer) => answer.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    expect(server.stats.throttled).toBe(refused.length);
    expect(server.stats.maxInFlight).toBeLessThanOrEqual(10);
    const items = Array.from({ length: 31 }, (_, n) => ({ bId: `b${n}`, operation: "create", Vendor: {} }));
    await expect(client.batch(items, "too-many")).rejects.toMatchObject({
      response: { status: 400, data: { Fault: { Error: [{ Message: "Batch limit" }] } } },
    });
    await client.close();
    await server.close();
  });
});

describe("the test server's query language", () => {
  it("answers node-quickbooks' counts, LIKE and time conditions as QuickBooks does", async () => {
    const { server, tokens } = await connected();
    for (const name of ["Acme Ltd", "Acme Inc", "Initech"]) server.seed("Customer", { DisplayName: name });
    const client = new QboClient({
      app: qboAppOf(server),
      realmId: server.realmId,
      tokens,
      saveTokens: () => Promise.resolve(),
    });
    type Answer = { QueryResponse: { totalCount?: number; Customer?: { DisplayName: string }[] } };
    const counted = await client.call<Answer>("findCustomers", { count: true });
    expect(counted.QueryResponse.totalCount).toBe(3);
    const like = await client.call<Answer>("findCustomers", [
      { field: "DisplayName", value: "acme%", operator: "LIKE" },
    ]);
    expect(like.QueryResponse.Customer?.map((customer) => customer.DisplayName)).toEqual([
      "Acme Ltd",
      "Acme Inc",
    ]);
    // A millisecond before the first was written, in +08:00: later than it as text, earlier in time.
    const first = server.records("Customer")[0]!.MetaData as { LastUpdatedTime: string };
    const eightHours = 8 * 3_600_000;
    const shifted = new Date(Date.parse(first.LastUpdatedTime) - 1 + eightHours)
      .toISOString()
      .replace("Z", "+08:00");
    const newer = await client.call<Answer>("findCustomers", [
      { field: "MetaData.LastUpdatedTime", value: shifted, operator: ">" },
    ]);
    expect(newer.QueryResponse.Customer).toHaveLength(3);
    await client.close();
  });
});

describe("connecting a company", () => {
  it("sends the person to Intuit's consent page and turns the code it returns into working tokens", async () => {
    const { server } = await connected();
    const app = qboAppOf(server);
    const redirectUri = "https://firm.example/accounting/qbo/callback";
    const consent = new URL(qboAuthorizeUrl(app, redirectUri, "state-123"));
    expect(consent.searchParams.get("state")).toBe("state-123");
    expect(consent.searchParams.get("scope")).toBe("com.intuit.quickbooks.accounting");
    const answer = await fetch(consent, { redirect: "manual" });
    const callback = answer.headers.get("location")!;
    const connection = await qboExchangeCode(app, redirectUri, callback, new Date());
    expect(connection.realmId).toBe(server.realmId);
    const client = new QboClient({
      app,
      realmId: connection.realmId,
      tokens: connection.tokens,
      saveTokens: () => Promise.resolve(),
    });
    const accounts = await client.call<{ QueryResponse: { Account: unknown[] } }>("findAccounts", []);
    expect(accounts.QueryResponse.Account.length).toBeGreaterThan(0);
    // A code is good once.
    await expect(qboExchangeCode(app, redirectUri, callback, new Date())).rejects.toMatchObject({
      code: "reconnect",
    });
    await client.close();
  });
});
