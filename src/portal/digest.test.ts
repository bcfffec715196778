/**
 * The digest setting over HTTP, on both engines, with the job table on a fake clock: news waits
 * for the window's end and goes as one email, leaving out what the person already saw; asks go at
 * once whatever the setting.
 */
import { describe, expect, it } from "vitest";
import { createJobRunner } from "../jobs/job-runner.js";
import { useTestMail } from "../test-support/accounts.js";
import { usePortalPractice } from "../test-support/portal-practice.js";
import { movableClock, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";
import type { RequestView } from "./file-request-service.js";
import { portalJobHandlers } from "./portal-jobs.js";

describe.each(ENGINES)("portal digests on %s", (engine) => {
  const clock = movableClock("2027-04-01T09:01:00Z");
  const server = useTestServer(engine, clock);
  const mail = useTestMail(server);
  const p = usePortalPractice(server, "digest");

  const settle = async () => {
    for (let attempt = 0; attempt < 250; attempt++) {
      await mail.deliverer.deliverDue();
      const pending = await server.deps.store.db
        .selectFrom("mail_outbox")
        .select("id")
        .where("status", "=", "pending")
        .execute();
      if (pending.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const to = (email: string) => mail.smtp.received.filter((m) => m.to.includes(email));

  it("holds news for a digest that leaves out what was seen, and sends asks at once", async () => {
    const saved = await p.as.admin.put("/portal-settings", {
      detailedNotifications: true,
      notificationMode: "digest",
      digestMinutes: 10,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // An ask goes at once, digest or not.
    const created = await p.as.mia.post(`/clients/${p.clients.acme}/file-requests`, {
      subject: "Quarterly bookkeeping",
      recipients: [p.contacts.carla, p.contacts.eve],
      items: [{ title: "Bank statements" }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const request = created.json<RequestView>();
    await settle();
    await mail.smtp.waitFor(
      (m) => m.to.includes(p.emails.carla) && m.subject.includes("asks you for documents"),
    );
    const miaBefore = to(p.emails.mia).length;

    // News for Mia: two comments from Carla; she opens the request (seen); then one from Eve.
    const item = request.items[0]!.id;
    for (const body of ["Which months?", "Found them."])
      expect(
        (await p.as.carla.post(`/file-requests/${request.id}/items/${item}/comments`, { body })).statusCode,
      ).toBe(201);
    expect((await p.as.mia.get(`/file-requests/${request.id}`)).statusCode).toBe(200);
    expect(
      (await p.as.eve.post(`/file-requests/${request.id}/items/${item}/comments`, { body: "Eve here." }))
        .statusCode,
    ).toBe(201);
    await settle();
    expect(to(p.emails.mia).length).toBe(miaBefore);

    const runner = createJobRunner({
      store: server.deps.store,
      clock,
      handlers: portalJobHandlers(() => server.deps.config),
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    await runner.runDue();
    await settle();
    expect(to(p.emails.mia).length).toBe(miaBefore);
    // The window ends at 09:10: one digest, with only what Mia has not seen.
    clock.set("2027-04-01T09:10:00Z");
    await runner.runDue();
    await runner.runDue();
    await settle();
    const digests = to(p.emails.mia).slice(miaBefore);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe("Firm digest: 1 update");
    expect(digests[0]!.text).toContain('- Eve Client commented on "Bank statements"');
    expect(digests[0]!.text).not.toContain("Carla");
    // Nothing more in the next window.
    clock.set("2027-04-01T09:30:00Z");
    await runner.runDue();
    await settle();
    expect(to(p.emails.mia).slice(miaBefore)).toHaveLength(1);
  });
});
