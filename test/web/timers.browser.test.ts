/**
 * The timer in real Chromium: started on a phone, kept on the server so it survives a reload and
 * shows on a second device, switched there (the running one recorded), flagged when forgotten
 * (the real time worked asked for, and a stop without it refused), stopped and discarded. Each
 * step is checked against the API, not only the page.
 */
import Database from "better-sqlite3";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
} from "../../src/test-support/browser.js";
import {
  addStaffMember,
  apiAs,
  startFirmServer,
  stopFirmServer,
  type ApiUser,
  type FirmServer,
  type StaffLogin,
} from "./firm-server.js";
import { pick, signIn } from "./pages.js";

interface TimerJson {
  clientId: string;
  workCodeId: string;
  forgotten: string | null;
}
interface EntryJson {
  clientId: string;
  minutes: number;
  status: string;
  description: string;
}

let server: FirmServer;
let admin: ApiUser;
let tim: StaffLogin;
let timApi: ApiUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startFirmServer("timers");
  admin = await apiAs(server, server.admin.email, server.admin.password);
  for (const [code, name] of [
    ["AUD", "Audit fieldwork"],
    ["TAX", "Tax return"],
  ]) {
    ids[code!] = (
      await admin.send<{ id: string }>("POST", "/work-codes", { code, name, kind: "time", rate: 1_500_000 })
    ).id;
  }
  for (const [code, name] of [
    ["ACME", "Acme Ltd"],
    ["BETA", "Beta Bakery"],
  ]) {
    ids[code!] = (await admin.send<{ id: string }>("POST", "/clients", { code, name })).id;
  }
  tim = await addStaffMember(server, admin, {
    staffNumber: "TT",
    firstName: "Tim",
    lastName: "Timer",
    email: "tim@timers.example",
    password: "tim's long passphrase",
  });
  timApi = await apiAs(server, tim.email, tim.password);
}, 120_000);
afterAll(() => stopFirmServer(server));

const currentTimer = async () => (await timApi.get<{ timer: TimerJson | null }>("/timers/current")).timer;
const entries = async () => (await timApi.get<{ items: EntryJson[] }>("/time-entries?limit=100")).items;

/** Moves the running timer's start back by `hours` in the server's own database, as time passing would. */
function ageTimer(hours: number) {
  const db = new Database(join(server.data, "firmtime.db"));
  try {
    const startedAt = new Date(Date.now() - hours * 3_600_000).toISOString();
    db.prepare("UPDATE timer SET started_at = ?").run(startedAt);
  } finally {
    db.close();
  }
}

describe("the timer", () => {
  it("starts on a phone, survives a reload, switches on a second device, and stops a forgotten timer only with the real time", async () => {
    const phone = await openPage("phone");
    await signIn(server, phone, tim);
    const card = phone.page.getByRole("region", { name: "Timer" });
    await card.getByText("Start a timer").waitFor();
    await expectAccessible(phone, "the home page with no timer");

    // Starting needs a client and a work code: refused beside the fields, nothing sent.
    await card.getByRole("button", { name: "Start timer" }).click();
    await card.getByText("Choose the client").waitFor();
    await card.getByText("Choose the work code").waitFor();
    expect(await currentTimer()).toBeNull();

    await pick(phone, "Client", "acme", /ACME/, card);
    await pick(phone, "Work code", "AUD", /AUD/, card);
    await card.getByRole("textbox", { name: "Description" }).fill("Fieldwork at the warehouse");
    await card.getByRole("button", { name: "Start timer" }).click();
    await card.getByText("Timer running").waitFor();
    await card.getByRole("timer").waitFor();
    await phone.page.getByRole("button", { name: /^Timer running \d+:\d\d, open the timer$/ }).waitFor();
    expect(await currentTimer()).toMatchObject({ clientId: ids.ACME, workCodeId: ids.AUD, forgotten: null });
    await expectAccessible(phone, "the home page with a timer running");
    await screenshot(phone, "timer-running");

    // Kept on the server: a reload shows it still running.
    await phone.page.reload();
    await card.getByText("Timer running").waitFor();
    await card.getByText("Acme Ltd").waitFor();

    // A second device: the header shows the same timer; switching records the first one.
    const desk = await openPage("desk");
    await signIn(server, desk, tim);
    await desk.page.getByRole("button", { name: /^Timer running/ }).click();
    const dialog = desk.page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Switch to other work" }).click();
    await pick(desk, "Client", "beta", /BETA/, dialog);
    await pick(desk, "Work code", "TAX", /TAX/, dialog);
    await dialog.getByRole("button", { name: "Switch", exact: true }).click();
    await dialog
      .getByRole("status")
      .filter({ hasText: /^Recorded 0:\d\d on .*; the new timer is running\.$/ })
      .waitFor();
    await expectAccessible(desk, "the header's timer after a switch");
    await screenshot(desk, "timer-header");
    expect(await currentTimer()).toMatchObject({ clientId: ids.BETA, workCodeId: ids.TAX });
    const recorded = await entries();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      clientId: ids.ACME,
      status: "draft",
      description: "Fieldwork at the warehouse",
    });
    expect(recorded[0]!.minutes).toBeGreaterThan(0);

    // Left running: eleven hours later it is flagged, and stopping asks for the real time.
    ageTimer(11);
    await phone.page.reload();
    await phone.page
      .getByRole("button", { name: /^Forgotten timer \d+:\d\d:\d\d, open the timer$/ })
      .waitFor();
    await card.getByText("This timer looks forgotten").waitFor();
    await card.getByText("Beta Bakery").waitFor();
    await card.getByRole("button", { name: "Stop and record" }).click();
    const worked = card.getByRole("textbox", { name: "Time you really worked" });
    await card.getByText("Type how long you really worked, like 1:30").waitFor();
    expect(await worked.getAttribute("aria-invalid")).toBe("true");
    const stillRunning = await currentTimer();
    expect(stillRunning?.clientId).toBe(ids.BETA);
    expect(["past_midnight", "over_limit"]).toContain(stillRunning?.forgotten);
    expect(await entries()).toHaveLength(1);
    await expectAccessible(phone, "a forgotten timer");
    await screenshot(phone, "timer-forgotten");

    await worked.fill("2:00");
    await card.getByRole("button", { name: "Stop and record" }).click();
    await card
      .getByRole("status")
      .filter({ hasText: /^Recorded 2:00 on .* for BETA/ })
      .waitFor();
    expect(await currentTimer()).toBeNull();
    const afterStop = await entries();
    expect(afterStop).toHaveLength(2);
    expect(afterStop.find((entry) => entry.clientId === ids.BETA)).toMatchObject({
      minutes: 120,
      status: "draft",
    });

    // A timer started by mistake is thrown away: nothing recorded.
    await pick(phone, "Client", "acme", /ACME/, card);
    await pick(phone, "Work code", "AUD", /AUD/, card);
    await card.getByRole("button", { name: "Start timer" }).click();
    await card.getByRole("button", { name: "Discard" }).click();
    await card.getByRole("button", { name: "Discard the timer" }).click();
    await card.getByRole("status").filter({ hasText: "nothing was recorded" }).waitFor();
    expect(await currentTimer()).toBeNull();
    expect(await entries()).toHaveLength(2);

    expectNoPageProblems(phone);
    expectNoPageProblems(desk);
    await phone.context.close();
    await desk.context.close();
  });
});
