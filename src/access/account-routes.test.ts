import { describe, expect, it } from "vitest";
import { addStaff } from "../firm-setup/staff-service.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { selectOutbox } from "../mail/outbox-store.js";
import { addStaffUser, useTestMail } from "../test-support/accounts.js";
import {
  movableClock,
  newCloudFirm,
  PASSWORD,
  signIn,
  useTestServer,
  type SignedIn,
} from "../test-support/server.js";
import { linkIn, tokenOf } from "../test-support/smtp-server.js";
import { ENGINES } from "../test-support/stores.js";
import { firstAdminActivationLink } from "./firm-bootstrap.js";

const NEW_PASSWORD = "a brand new passphrase";

describe.each(ENGINES)("account links and passwords over HTTP on %s", (engine) => {
  const clock = movableClock("2026-06-15T12:00:00Z");
  const server = useTestServer(engine, clock);
  const mail = useTestMail(server);

  const post = (url: string, payload: object, who?: SignedIn | Record<string, string>) =>
    server.app.inject({
      method: "POST",
      url,
      payload,
      headers: who && "headers" in who ? (who.headers as Record<string, string>) : (who ?? {}),
    });
  const get = (url: string, headers: Record<string, string>) => server.app.inject({ url, headers });
  const withoutInstance = (body: Record<string, unknown>) => ({ ...body, instance: undefined });

  async function inviteStaff(slug: string, firm: Firm, admin: SignedIn, staffNumber: string) {
    const email = `${staffNumber.toLowerCase()}@${slug}.test`;
    const staff = await addStaff(
      server.deps.store.db,
      { firm, clock, actor: "test" },
      { staffNumber, firstName: staffNumber, lastName: "Doe", email: email.toUpperCase() },
    );
    const response = await post(`/f/${slug}/api/v1/users`, { staffId: staff.id }, admin);
    expect(response.statusCode).toBe(201);
    return { email, user: response.json<{ id: string; email: string; status: string }>() };
  }

  /** The link of the nth activation email to this address, once it arrived. */
  const activationLinkFor = async (email: string, nth = 0) => {
    const toThem = () =>
      mail.smtp.received.filter((m) => m.to.includes(email) && m.text.includes("/activate?"));
    await mail.smtp.waitFor(() => toThem().length > nth);
    return linkIn(toThem()[nth]!, "/activate?token=");
  };

  it("invites a staff member, emails the link, activates the account and signs in", async () => {
    const { firm } = await newCloudFirm(server, "inv");
    const admin = await signIn(server, "inv", "admin@inv.test");
    const { email, user } = await inviteStaff("inv", firm, admin, "JD");
    expect(user).toMatchObject({ email: "jd@inv.test", status: "invited" });

    const link = await activationLinkFor(email);
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:8080\/f\/inv\/activate\?token=[\w-]{43}$/);
    const message = mail.smtp.received.find((m) => m.to.includes(email))!;
    expect(message.subject).toBe("Your firmtime account at Firm inv");

    const early = await post("/f/inv/api/v1/auth/login", { email, password: NEW_PASSWORD });
    expect(early.statusCode).toBe(401);
    const weak = await post("/f/inv/api/v1/auth/activate", { token: tokenOf(link), password: "short" });
    expect(weak.statusCode).toBe(400);
    const activated = await post("/f/inv/api/v1/auth/activate", {
      token: tokenOf(link),
      password: NEW_PASSWORD,
    });
    expect(activated.statusCode).toBe(204);

    const jane = await signIn(server, "inv", email, NEW_PASSWORD);
    expect((await get("/f/inv/api/v1/auth/me", jane.headers)).json()).toMatchObject({ id: user.id, email });
    expect((await get(`/f/inv/api/v1/users/${user.id}`, admin.headers)).json()).toMatchObject({
      status: "active",
    });
  });

  it("answers a reused, an expired and an unknown link alike: 410 LINK_INVALID", async () => {
    const { firm } = await newCloudFirm(server, "links");
    const admin = await signIn(server, "links", "admin@links.test");
    const first = await inviteStaff("links", firm, admin, "UA");
    const used = tokenOf(await activationLinkFor(first.email));
    expect(
      (await post("/f/links/api/v1/auth/activate", { token: used, password: NEW_PASSWORD })).statusCode,
    ).toBe(204);
    const second = await inviteStaff("links", firm, admin, "UB");
    const expired = tokenOf(await activationLinkFor(second.email));
    clock.advance(48 * 3_600_000 + 1);

    const answers = await Promise.all(
      [used, expired, "no-such-token"].map((token) =>
        post("/f/links/api/v1/auth/activate", { token, password: NEW_PASSWORD }),
      ),
    );
    for (const answer of answers) {
      expect(answer.statusCode).toBe(410);
      expect(answer.headers["content-type"]).toMatch(/application\/problem\+json/);
    }
    const bodies = answers.map((answer) => withoutInstance(answer.json()));
    expect(bodies[0]).toMatchObject({ code: "LINK_INVALID" });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(
      (await post("/f/links/api/v1/auth/login", { email: second.email, password: NEW_PASSWORD })).statusCode,
    ).toBe(401);
  });

  it("resends an invitation with a new link; the older link stops working", async () => {
    const { firm } = await newCloudFirm(server, "resend");
    const admin = await signIn(server, "resend", "admin@resend.test");
    const { email, user } = await inviteStaff("resend", firm, admin, "RS");
    const older = tokenOf(await activationLinkFor(email));
    const resent = await post(`/f/resend/api/v1/users/${user.id}/invitation`, {}, admin);
    expect(resent.statusCode).toBe(202);
    const newer = tokenOf(await activationLinkFor(email, 1));
    expect(newer).not.toBe(older);
    expect(
      (await post("/f/resend/api/v1/auth/activate", { token: older, password: NEW_PASSWORD })).statusCode,
    ).toBe(410);
    expect(
      (await post("/f/resend/api/v1/auth/activate", { token: newer, password: NEW_PASSWORD })).statusCode,
    ).toBe(204);
    const again = await post(`/f/resend/api/v1/users/${user.id}/invitation`, {}, admin);
    expect(again.statusCode).toBe(409);
  });

  it("resets a forgotten password by emailed link and ends the old sessions", async () => {
    const { firm } = await newCloudFirm(server, "reset");
    await addStaffUser(server, firm, { staffNumber: "RP", email: "rp@reset.test" });
    const before = await signIn(server, "reset", "rp@reset.test");

    const known = await post("/f/reset/api/v1/auth/password-reset", { email: "rp@reset.test" });
    const unknown = await post("/f/reset/api/v1/auth/password-reset", { email: "nobody@reset.test" });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());

    const message = await mail.smtp.waitFor((m) => m.to.includes("rp@reset.test"));
    const link = linkIn(message, "/reset-password?token=");
    expect(link.startsWith("http://127.0.0.1:8080/f/reset/reset-password?token=")).toBe(true);
    const confirm = await post("/f/reset/api/v1/auth/password-reset/confirm", {
      token: tokenOf(link),
      password: NEW_PASSWORD,
    });
    expect(confirm.statusCode).toBe(204);

    expect((await get("/f/reset/api/v1/auth/me", before.headers)).statusCode).toBe(401);
    expect(
      (await post("/f/reset/api/v1/auth/login", { email: "rp@reset.test", password: PASSWORD })).statusCode,
    ).toBe(401);
    await signIn(server, "reset", "rp@reset.test", NEW_PASSWORD);
    const reused = await post("/f/reset/api/v1/auth/password-reset/confirm", {
      token: tokenOf(link),
      password: "yet another passphrase",
    });
    expect(reused.statusCode).toBe(410);

    await mail.deliverer.deliverDue();
    expect(mail.smtp.received.filter((m) => m.to.includes("nobody@reset.test"))).toHaveLength(0);
    expect(await selectOutbox(server.deps.store.db, { firmId: firm.id })).toHaveLength(1);
  });

  it("sends at most three reset emails an hour to one account", async () => {
    const { firm } = await newCloudFirm(server, "flood");
    await addStaffUser(server, firm, { staffNumber: "FL", email: "fl@flood.test" });
    for (let i = 0; i < 5; i++)
      expect((await post("/f/flood/api/v1/auth/password-reset", { email: "fl@flood.test" })).statusCode).toBe(
        202,
      );
    expect(await selectOutbox(server.deps.store.db, { firmId: firm.id })).toHaveLength(3);
  });

  it("changes the password and revokes the user's other sessions, keeping the current one", async () => {
    const { firm } = await newCloudFirm(server, "change");
    await addStaffUser(server, firm, { staffNumber: "CP", email: "cp@change.test" });
    const here = await signIn(server, "change", "cp@change.test");
    const elsewhere = await signIn(server, "change", "cp@change.test");

    const wrong = await post(
      "/f/change/api/v1/auth/password",
      { currentPassword: "not the password", newPassword: NEW_PASSWORD },
      here,
    );
    expect(wrong.statusCode).toBe(400);
    const changed = await post(
      "/f/change/api/v1/auth/password",
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      here,
    );
    expect(changed.statusCode).toBe(204);

    expect((await get("/f/change/api/v1/auth/me", here.headers)).statusCode).toBe(200);
    expect((await get("/f/change/api/v1/auth/me", elsewhere.headers)).statusCode).toBe(401);
    await signIn(server, "change", "cp@change.test", NEW_PASSWORD);
  });

  it("gives the first Admin of a firm made without a password an activation link", async () => {
    const created = await newCloudFirm(server, "first", {
      admin: { email: "boss@first.test", firstName: "Bo", lastName: "Ss" },
    });
    expect(created.admin.status).toBe("invited");
    const deps = { clock, links: server.deps.config };
    const printed = await firstAdminActivationLink(server.deps.store.db, deps, created);
    const mailed = await firstAdminActivationLink(server.deps.store.db, deps, created, { queueEmail: true });
    server.deps.notifyMail();
    const message = await mail.smtp.waitFor((m) => m.to.includes("boss@first.test"));
    expect(linkIn(message, "/activate?token=")).toBe(mailed.url);
    // Each new link spends the earlier ones.
    expect(
      (await post("/f/first/api/v1/auth/activate", { token: tokenOf(printed.url), password: NEW_PASSWORD }))
        .statusCode,
    ).toBe(410);
    expect(
      (await post("/f/first/api/v1/auth/activate", { token: tokenOf(mailed.url), password: NEW_PASSWORD }))
        .statusCode,
    ).toBe(204);
    await signIn(server, "first", "boss@first.test", NEW_PASSWORD);
    await expect(firstAdminActivationLink(server.deps.store.db, deps, created)).rejects.toMatchObject({
      code: "STATUS_TRANSITION",
    });
  });
});
