/**
 * Running timers over real HTTP on both engines: kept on the server, one per staff member,
 * stopped into ordinary time entries (rounding, lock date, rights), switched and discarded
 * all or nothing, and forgotten ones stopped only with their real duration.
 */
import { describe, expect, it } from "vitest";
import { fixedClock } from "../store/clock.js";
import { isUniqueViolation } from "../store/database.js";
import { usePractice, type Caller } from "../test-support/practice-server.js";
import { snapshotStore } from "../test-support/seed.js";
import { movableClock, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";
import { startTimer } from "./timer-service.js";
import { insertTimer } from "./timer-store.js";

interface TimerAnswer {
  id: string;
  staffId: string;
  clientId: string;
  startedAt: string;
  date: string;
  elapsedMinutes: number;
  forgotten: "past_midnight" | "over_limit" | null;
}

describe.each(ENGINES)("timers on %s", (engine) => {
  // Monday 2026-06-15, noon UTC.
  const clock = movableClock("2026-06-15T12:00:00Z");
  // The clock moves hours between tests, all within a day of signing in: sessions last a day idle.
  const server = useTestServer(engine, clock, { sessionIdleMinutes: 24 * 60, sessionAbsoluteHours: 720 });
  const p = usePractice(server, "timers");

  async function refusedUnchanged(request: () => ReturnType<Caller["get"]>, status: number, code: string) {
    const before = await snapshotStore(server.deps.store.db);
    const response = await request();
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json<{ code: string }>().code).toBe(code);
    expect(await snapshotStore(server.deps.store.db)).toEqual(before);
    return response;
  }

  const current = async (caller: Caller) =>
    (await caller.get("/timers/current")).json<{ timer: TimerAnswer | null }>().timer;
  const start = (caller: Caller, body: Record<string, unknown> = {}) =>
    caller.post("/timers", { clientId: p.clients.acme, workCodeId: p.workCodes.tax, ...body });
  const entriesOn = async (caller: Caller, date: string) =>
    (await caller.get(`/time-entries?from=${date}&to=${date}`)).json<{
      items: { id: string; minutes: number; description: string; date: string }[];
    }>().items;

  it("keeps one running timer per staff member and stops it into a rounded draft entry", async () => {
    expect(await current(p.as.jane)).toBeNull();
    const started = await start(p.as.jane, { description: "Planning", timeZone: "Europe/London" });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json()).toMatchObject({
      staffId: p.staff.jane,
      clientId: p.clients.acme,
      startedAt: "2026-06-15T12:00:00.000Z",
      date: "2026-06-15",
      elapsedMinutes: 1,
      forgotten: null,
    });

    // Another device asks later: the same timer, its time counted from the server's start.
    clock.advance(50 * 60_000 + 10_000);
    expect(await current(p.as.jane)).toMatchObject({
      id: started.json<TimerAnswer>().id,
      elapsedMinutes: 51,
    });
    await refusedUnchanged(() => start(p.as.jane, { clientId: p.clients.beta }), 409, "TIMER_RUNNING");

    const stopped = await p.as.jane.post("/timers/stop", {});
    expect(stopped.statusCode, stopped.body).toBe(200);
    // 51 minutes rounded up to the firm's 6-minute increment.
    expect(stopped.json()).toMatchObject({
      entry: { minutes: 54, status: "draft", date: "2026-06-15", description: "Planning", locked: false },
    });
    expect(await current(p.as.jane)).toBeNull();
    expect((await entriesOn(p.as.jane, "2026-06-15")).map((e) => e.minutes)).toEqual([54]);
    await refusedUnchanged(() => p.as.jane.post("/timers/stop", {}), 404, "NOT_FOUND");
  });

  it("enforces one timer per staff member with the table's key, not only in code", async () => {
    const timer = {
      staffId: p.staff.cara,
      clientId: p.clients.beta,
      projectId: null,
      workCodeId: p.workCodes.tax,
      description: "",
      billable: null,
      timeZone: "UTC",
      startedAt: "2026-06-15T12:00:00.000Z",
      createdAt: "2026-06-15T12:00:00.000Z",
      updatedAt: "2026-06-15T12:00:00.000Z",
    };
    const db = server.deps.store.db;
    await insertTimer(db, p.firm.id, { ...timer, id: "01970000-0000-7000-8000-000000000001" });
    const second = await insertTimer(db, p.firm.id, {
      ...timer,
      id: "01970000-0000-7000-8000-000000000002",
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isUniqueViolation(second)).toBe(true);
    expect((await p.as.cara.post("/timers/discard", {})).statusCode).toBe(200);
    expect(await current(p.as.cara)).toBeNull();
  });

  it("switches in one transaction: the running timer becomes an entry and the next one starts", async () => {
    const day = "2026-06-15";
    clock.set(`${day}T14:00:00Z`);
    await start(p.as.jane, { description: "Review" });
    clock.advance(30 * 60_000);
    expect(await current(p.as.jane)).toMatchObject({ elapsedMinutes: 30 });

    // A switch to a client of another firm is refused whole: the first timer keeps running.
    await refusedUnchanged(
      () => p.as.jane.post("/timers/switch", { clientId: p.other.client, workCodeId: p.workCodes.tax }),
      404,
      "NOT_FOUND",
    );
    // So is one whose stop part is refused (more minutes than a day holds).
    await refusedUnchanged(
      () =>
        p.as.jane.post("/timers/switch", {
          clientId: p.clients.beta,
          workCodeId: p.workCodes.tax,
          stop: { minutes: 2000 },
        }),
      400,
      "VALIDATION",
    );

    const switched = await p.as.jane.post("/timers/switch", {
      clientId: p.clients.beta,
      workCodeId: p.workCodes.tax,
      description: "Calls",
    });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json()).toMatchObject({
      stopped: { minutes: 30, clientId: p.clients.acme, description: "Review", date: day },
      timer: { clientId: p.clients.beta, description: "Calls", startedAt: `${day}T14:30:00.000Z` },
    });
    expect(await current(p.as.jane)).toMatchObject({ clientId: p.clients.beta });

    // Discarding records nothing.
    clock.advance(20 * 60_000);
    expect((await p.as.jane.post("/timers/discard", {})).statusCode).toBe(200);
    expect(await current(p.as.jane)).toBeNull();
    // The day holds the first test's entry and this one's stopped timer, not the discarded one.
    expect((await entriesOn(p.as.jane, day)).map((e) => e.description).sort()).toEqual([
      "Planning",
      "Review",
    ]);

    // Switching with nothing running just starts.
    const fresh = await p.as.jane.post("/timers/switch", {
      clientId: p.clients.acme,
      workCodeId: p.workCodes.tax,
    });
    expect(fresh.json()).toMatchObject({ stopped: null, timer: { clientId: p.clients.acme } });
    await p.as.jane.post("/timers/discard", {});
  });

  it("flags a forgotten timer and stops it only with the real duration", async () => {
    const db = server.deps.store.db;
    clock.set("2026-06-16T04:00:00Z");
    // Started 11 hours ago (on another device, by the service, as the clock then said).
    await startTimer(
      db,
      { ...p.scope, clock: fixedClock("2026-06-15T17:00:00Z") },
      {
        staff: p.staff.jane,
        client: p.clients.acme,
        workCode: p.workCodes.tax,
        timeZone: "America/New_York",
      },
    );
    // 13:00 in New York on the 15th; midnight there now: past its midnight, and over 10 hours.
    expect(await current(p.as.jane)).toMatchObject({
      date: "2026-06-15",
      elapsedMinutes: 660,
      forgotten: "past_midnight",
    });
    const refused = await refusedUnchanged(() => p.as.jane.post("/timers/stop", {}), 422, "TIMER_FORGOTTEN");
    expect(refused.json()).toMatchObject({ field: "minutes", elapsedMinutes: 660 });

    const stopped = await p.as.jane.post("/timers/stop", { minutes: 90, description: "Budget call" });
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(stopped.json()).toMatchObject({
      entry: { minutes: 90, date: "2026-06-15", description: "Budget call" },
    });

    // Over the limit within one day (UTC): forgotten for its length alone.
    clock.set("2026-06-16T11:00:00Z");
    await startTimer(
      db,
      { ...p.scope, clock: fixedClock("2026-06-16T00:30:00Z") },
      {
        staff: p.staff.jane,
        client: p.clients.acme,
        workCode: p.workCodes.tax,
      },
    );
    expect(await current(p.as.jane)).toMatchObject({ forgotten: "over_limit", elapsedMinutes: 630 });
    await p.as.jane.post("/timers/discard", {});
  });

  it("keeps the timer running when the lock date refuses its entry", async () => {
    clock.set("2026-06-16T11:05:00Z");
    await start(p.as.jane);
    clock.advance(15 * 60_000);
    expect(await current(p.as.jane)).not.toBeNull();
    expect((await p.as.admin.patch("/firm", { lockDate: "2026-06-16" })).statusCode).toBe(200);
    try {
      await refusedUnchanged(() => p.as.jane.post("/timers/stop", {}), 422, "BEFORE_LOCK_DATE");
      expect(await current(p.as.jane)).not.toBeNull();
      // Nor can one start on a locked day.
      await p.as.jane.post("/timers/discard", {});
      await refusedUnchanged(() => start(p.as.jane), 422, "BEFORE_LOCK_DATE");
    } finally {
      await p.as.admin.patch("/firm", { lockDate: null });
    }
  });

  it("lets those with rights over another's time start and stop it, and shows reviewers the running timers", async () => {
    clock.set("2026-06-16T11:30:00Z");
    for (const who of [p.as.admin, p.as.jane, p.as.al, p.as.cara]) await current(who);
    // Jane (no role) may not start a timer for Cara; Al (Editor on ACME) may for Jane on ACME.
    await refusedUnchanged(() => start(p.as.jane, { staffId: p.staff.cara }), 403, "FORBIDDEN");
    await refusedUnchanged(
      () => start(p.as.al, { staffId: p.staff.jane, clientId: p.clients.beta }),
      403,
      "FORBIDDEN",
    );
    expect((await start(p.as.al, { staffId: p.staff.jane })).statusCode).toBe(201);
    expect((await start(p.as.cara, { clientId: p.clients.beta })).statusCode).toBe(201);
    expect((await start(p.as.al)).statusCode).toBe(201);

    const listed = async (caller: Caller) =>
      (await caller.get("/timers")).json<{ items: TimerAnswer[]; total: number }>();
    expect((await listed(p.as.admin)).total).toBe(3);
    expect((await listed(p.as.jane)).items.map((t) => t.staffId)).toEqual([p.staff.jane]);
    expect((await listed(p.as.cara)).items.map((t) => t.staffId)).toEqual([p.staff.cara]);
    expect((await listed(p.as.al)).items.map((t) => t.staffId).sort()).toEqual(
      [p.staff.jane, p.staff.al].sort(),
    );
    expect((await listed(p.as.connie)).total ?? 0).toBe(0);

    // Al may not touch Cara's BETA timer; he may stop Jane's ACME one for her.
    await refusedUnchanged(() => p.as.al.post("/timers/stop", { staffId: p.staff.cara }), 404, "NOT_FOUND");
    await refusedUnchanged(
      () => p.as.al.post("/timers/discard", { staffId: p.staff.cara }),
      404,
      "NOT_FOUND",
    );
    clock.advance(12 * 60_000);
    expect((await listed(p.as.al)).total).toBe(2);
    const stopped = await p.as.al.post("/timers/stop", { staffId: p.staff.jane });
    expect(stopped.json()).toMatchObject({ entry: { staffId: p.staff.jane, minutes: 12 } });
    for (const who of [p.as.cara, p.as.al]) await who.post("/timers/discard", {});
    expect((await listed(p.as.admin)).total).toBe(0);
  });

  it("refuses bad input and unknown fields, changing nothing", async () => {
    expect(await current(p.as.jane)).toBeNull();
    await refusedUnchanged(() => start(p.as.jane, { timeZone: "Mars/Olympus" }), 400, "VALIDATION");
    await refusedUnchanged(() => start(p.as.jane, { colour: "red" }), 400, "VALIDATION");
    await refusedUnchanged(
      () => start(p.as.jane, { workCodeId: p.workCodes.mile }),
      422,
      "WORK_CODE_KIND_MISMATCH",
    );
    await refusedUnchanged(() => start(p.as.jane, { clientId: p.other.client }), 404, "NOT_FOUND");
    await refusedUnchanged(() => p.as.jane.post("/timers/stop", { minutes: 0 }), 400, "VALIDATION");
    expect(await current(p.as.admin)).toBeNull();
    // A contact has no staff record, so no timer of their own.
    expect((await p.as.connie.get("/timers/current")).json()).toEqual({ timer: null });
  });
});
