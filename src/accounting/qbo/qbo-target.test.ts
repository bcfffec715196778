/**
 * The QuickBooks Online target through the real npm clients (node-quickbooks, intuit-oauth)
 * against the QBO-compatible server on loopback: paging, duplicate names across kinds, stale
 * updates, batches replayed after a lost answer, 429 storms, token rotation and a refused grant.
 */
import { describe, expect, it, vi } from "vitest";
import { connectedQboTarget as connected, qboAppOf } from "../../test-support/qbo-server-target.js";
import { TargetError } from "../target.js";
import { oauthClient } from "./qbo-client.js";
import { realmGate } from "./qbo-limits.js";

describe("QuickBooks Online through node-quickbooks and intuit-oauth", () => {
  it("reads every page of a list, inactive records included", async () => {
    const { server, target } = await connected();
    for (let n = 0; n < 1205; n += 1)
      server.seed("Customer", { DisplayName: `Customer ${n}`, Active: n % 100 !== 0 });
    const customers = await target.listRecords("customer");
    expect(customers).toHaveLength(1205);
    expect(customers.filter((customer) => !customer.active)).toHaveLength(13);
    expect(customers[42]).toMatchObject({
      kind: "customer",
      name: "Customer 42",
      fullName: "Customer 42",
      parentExternalId: null,
    });
    // Two pages of at most 1,000, each its own request (and so its own place in the limits).
    const pages = server.log.filter((request) => request.path === "query").map((request) => request.query);
    expect(pages).toEqual([
      "select * from customer where Active IN (true,false) startposition 1 maxresults 1000",
      "select * from customer where Active IN (true,false) startposition 1001 maxresults 1000",
    ]);
    await target.close();
  });

  it("reads only what changed through /cdc, and creates jobs under their customer", async () => {
    const { server, target } = await connected();
    const since = new Date(Date.now() - 1000).toISOString();
    const acme = await target.createRecord(
      { kind: "customer", name: "Acme Ltd", parentExternalId: null },
      "ft-c-1",
    );
    const job = await target.createRecord(
      { kind: "customer", name: "Audit 2026", parentExternalId: acme.externalId },
      "ft-p-1",
    );
    expect(job).toMatchObject({ fullName: "Acme Ltd:Audit 2026", parentExternalId: acme.externalId });
    const changed = (await target.listChanges("customer", since))!;
    expect(changed.map((record) => record.fullName).sort()).toEqual(["Acme Ltd", "Acme Ltd:Audit 2026"]);
    expect(server.log.filter((request) => request.path === "cdc")).toHaveLength(1);

    // A record deleted in QuickBooks (merged away) comes back from /cdc marked deleted.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const later = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    server.remove("Customer", job.externalId);
    expect(await target.listChanges("customer", later)).toEqual([
      expect.objectContaining({ externalId: job.externalId, active: false, deleted: true }),
    ]);

    // Older than /cdc's 30 days: the target cannot say, without asking QuickBooks.
    const asked = server.log.length;
    expect(await target.listChanges("customer", "2020-01-01T00:00:00Z")).toBeNull();
    expect(server.log).toHaveLength(asked);
    const everything = await target.listRecords("customer");
    expect(everything.map((record) => record.name)).toEqual(["Acme Ltd"]);
    await target.close();
  });

  it("cannot say what changed when /cdc's 1,000 objects may have cut the changes short", async () => {
    const { server, target } = await connected();
    const since = new Date(Date.now() - 1000).toISOString();
    for (let n = 0; n < 1001; n += 1) server.seed("Vendor", { DisplayName: `Vendor ${n}` });
    expect(await target.listChanges("vendor", since)).toBeNull();
    expect(server.log.map((request) => request.path)).toEqual(["cdc"]);
    await target.close();
  });

  it("reports a name another kind already has as a duplicate, and replays a create by its requestid", async () => {
    const { server, target } = await connected();
    server.seed("Vendor", { DisplayName: "Northwind Traders" });
    await expect(
      target.createRecord({ kind: "customer", name: "northwind  traders", parentExternalId: null }, "ft-c-2"),
    ).rejects.toMatchObject({ code: "duplicate_name" });
    const first = await target.createRecord(
      { kind: "employee", name: "Mia Chen", parentExternalId: null, givenName: "Mia", familyName: "Chen" },
      "ft-s-1",
    );
    const again = await target.createRecord(
      { kind: "employee", name: "Mia Chen", parentExternalId: null },
      "ft-s-1",
    );
    expect(again.externalId).toBe(first.externalId);
    expect(server.records("Employee")).toHaveLength(1);
    await target.close();
  });

  it("retries a stale update with a fresh read", async () => {
    const { server, target } = await connected();
    const item = await target.createRecord(
      { kind: "item", name: "Tax return", parentExternalId: null },
      "ft-w-1",
    );
    server.inject({ kind: "stale", count: 1 });
    const renamed = await target.updateRecord({ ...item, name: "Tax returns", active: true });
    expect(renamed).toMatchObject({ name: "Tax returns", version: "1" });
    await target.close();
  });

  it("posts a batch of 30 once although its answer was lost and it was sent again", async () => {
    const { server, target } = await connected();
    const employee = await target.createRecord(
      { kind: "employee", name: "Ann Lee", parentExternalId: null },
      "ft-s-2",
    );
    const customer = await target.createRecord(
      { kind: "customer", name: "Globex", parentExternalId: null },
      "ft-c-3",
    );
    const postings = Array.from({ length: 30 }, (_, n) => ({
      transferId: `entry-${n}`,
      date: "2026-03-04",
      workerKind: "employee" as const,
      workerExternalId: employee.externalId,
      customerExternalId: customer.externalId,
      itemExternalId: null,
      minutes: 90 + n,
      rate: 1_250_000, // 125.00 an hour
      amount: Number((1_250_000n * BigInt(90 + n) * 100n + 300_000n) / 600_000n),
      billable: true,
      description: `work ${n}`,
    }));
    server.inject({ kind: "drop-after-write", count: 1 });
    const results = await target.postTime("0190a000-0000-7000-8000-000000000001", postings);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(server.records("TimeActivity")).toHaveLength(30);
    expect(server.stats.replays).toBe(1);
    // The server's cents per customer equal ours, to the cent.
    const ours = postings.reduce((sum, posting) => sum + BigInt(posting.amount), 0n);
    expect(server.totalsByCustomer().get(customer.externalId)).toBe(ours);
    await target.close();
  });

  it("rides out a storm of 429s", async () => {
    const { server, target } = await connected();
    server.inject({ kind: "throttle", count: 5 });
    expect(await target.listRecords("vendor")).toEqual([]);
    expect(server.stats.throttled).toBe(5);
    await target.close();
  });

  it("refreshes an expired access token once for concurrent calls, saving the rotated refresh token before using it", async () => {
    const { server, target, saved, tokens } = await connected();
    server.expireAccessTokens();
    await Promise.all([
      target.listRecords("employee"),
      target.listRecords("vendor"),
      target.listRecords("customer"),
    ]);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.refreshToken).not.toBe(tokens.refreshToken);
    // Once the new refresh token is used, the old one is dead.
    server.expireAccessTokens();
    await target.listRecords("employee");
    expect(saved).toHaveLength(2);
    const oauth = oauthClient(qboAppOf(server), "");
    await expect(oauth.refreshUsingToken(tokens.refreshToken)).rejects.toBeDefined();
    await target.close();
  });

  it("puts the firm in reconnect when QuickBooks refuses the grant", async () => {
    const { server, target } = await connected();
    server.expireAccessTokens();
    server.inject({ kind: "invalid-grant" });
    const error = await target.listRecords("employee").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TargetError);
    expect(error).toMatchObject({ code: "reconnect" });
    await target.close();
  });
});

describe("the per-company gate", () => {
  it("starts at most perMinute requests in a rolling minute, the rest when the oldest age out", async () => {
    vi.useFakeTimers();
    try {
      const gate = realmGate("gate-test-realm", { maxConcurrent: 100, perMinute: 20 });
      let started = 0;
      const runs = Array.from({ length: 25 }, () => gate.run(() => Promise.resolve(started++)));
      await vi.advanceTimersByTimeAsync(59_000);
      expect(started).toBe(20);
      await vi.advanceTimersByTimeAsync(2_000);
      await Promise.all(runs);
      expect(started).toBe(25);
    } finally {
      vi.useRealTimers();
    }
  });
});
