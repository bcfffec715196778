/**
 * A request email's link and two-factor sign-in, on both engines. The link proves the mailbox,
 * not the person: a contact with two-factor sign-in answers the second step there too, and a firm
 * that requires it for contacts makes a contact without it enrol first. Either way the session
 * that opens reaches that one request only, as the plain link's does.
 */
import { describe, expect, it } from "vitest";
import { totpCode } from "../access/totp.js";
import { useTestMail } from "../test-support/accounts.js";
import { usePortalPractice } from "../test-support/portal-practice.js";
import { callerOf } from "../test-support/practice-server.js";
import { movableClock, signIn, useTestServer } from "../test-support/server.js";
import { linkIn, tokenOf } from "../test-support/smtp-server.js";
import { ENGINES } from "../test-support/stores.js";

interface Challenge {
  twoFactor: "code" | "enrol";
  challenge: string;
  expiresAt: string;
  requestId: string;
}

describe.each(ENGINES)("request links with two-factor sign-in on %s", (engine) => {
  const clock = movableClock("2027-02-01T09:00:00Z");
  const server = useTestServer(engine, clock);
  const mail = useTestMail(server);
  const p = usePortalPractice(server, "tflink");
  const A = "/f/tflink/api/v1";
  const post = (url: string, payload?: object, headers: Record<string, string> = {}) =>
    server.app.inject({ method: "POST", url: `${A}${url}`, payload, headers });
  /** Each code must come from a later 30-second step than the last one accepted. */
  const nextCode = (secret: string) => {
    clock.advance(30_000);
    return totpCode(secret, clock.now().getTime());
  };
  const sessionOf = (response: { cookies: { name: string; value: string }[]; json: () => unknown }) => {
    const cookie = response.cookies.find((c) => c.name === "__Host-firmtime-session")!.value;
    const { csrfToken } = response.json() as { csrfToken: string };
    return { cookie: `__Host-firmtime-session=${cookie}`, "x-csrf-token": csrfToken };
  };

  /** Mia asks `contactId` for a document; the token of the link in the email to `email`. */
  async function requestLinkFor(contactId: string, email: string, subject: string) {
    const mia = callerOf(server, "tflink", (await signIn(server, "tflink", p.emails.mia)).headers);
    const created = await mia.post(`/clients/${p.clients.acme}/file-requests`, {
      subject,
      description: "",
      emailMessage: "",
      recipients: [contactId],
      items: [{ title: "W-2 forms" }],
      reminders: null,
    });
    expect(created.statusCode, created.body).toBe(201);
    await mail.deliverer.deliverDue();
    const message = await mail.smtp.waitFor(
      (m) => m.to.includes(email) && m.subject.endsWith(`: ${subject}`),
    );
    return {
      requestId: created.json<{ id: string }>().id,
      token: tokenOf(linkIn(message, "/open-request?token=")),
    };
  }

  it("asks a contact with two-factor sign-in for a code after the link; the session then reaches that request only", async () => {
    const carla = await signIn(server, "tflink", p.emails.carla);
    const started = await post("/auth/two-factor/enrolment", undefined, carla.headers);
    const { secret } = started.json<{ secret: string }>();
    const confirmed = await post(
      "/auth/two-factor/enrolment/confirm",
      { code: nextCode(secret) },
      carla.headers,
    );
    expect(confirmed.statusCode, confirmed.body).toBe(200);

    const { requestId, token } = await requestLinkFor(p.contacts.carla, p.emails.carla, "Payroll");
    const opened = await post("/auth/request-link", { token });
    expect(opened.statusCode, opened.body).toBe(202);
    expect(opened.cookies.find((c) => c.name === "__Host-firmtime-session")).toBeUndefined();
    const challenge = opened.json<Challenge>();
    expect(challenge).toMatchObject({ twoFactor: "code", requestId });

    // A wrong code opens nothing; the right one opens the request's session.
    const wrong = await post("/auth/login/two-factor", { challenge: challenge.challenge, code: "000000" });
    expect(wrong.statusCode).toBe(401);
    const second = await post("/auth/login/two-factor", {
      challenge: challenge.challenge,
      code: nextCode(secret),
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json<{ user: { requestOnly: string | null } }>().user.requestOnly).toBe(requestId);
    const linkSession = callerOf(server, "tflink", sessionOf(second));
    expect((await linkSession.get(`/file-requests/${requestId}`)).statusCode).toBe(200);
    expect((await linkSession.get("/clients")).statusCode).toBe(403);
    expect((await linkSession.get("/auth/me")).json<{ requestOnly: string | null }>().requestOnly).toBe(
      requestId,
    );
    // The link was spent by the first step.
    expect((await post("/auth/request-link", { token })).statusCode).toBe(410);
  });

  it("makes a contact the firm requires to have two-factor sign-in enrol after the link, into that request only", async () => {
    const admin = await signIn(server, "tflink", p.emails.admin);
    const required = await server.app.inject({
      method: "PUT",
      url: `${A}/firm/two-factor`,
      payload: { staff: false, contacts: true },
      headers: admin.headers,
    });
    expect(required.statusCode, required.body).toBe(200);

    const { requestId, token } = await requestLinkFor(p.contacts.eve, p.emails.eve, "Bank statements");
    const opened = await post("/auth/request-link", { token });
    expect(opened.statusCode, opened.body).toBe(202);
    const challenge = opened.json<Challenge>();
    expect(challenge).toMatchObject({ twoFactor: "enrol", requestId });
    const enrolment = await post("/auth/login/two-factor/enrolment", { challenge: challenge.challenge });
    expect(enrolment.statusCode, enrolment.body).toBe(200);
    const { secret } = enrolment.json<{ secret: string }>();
    const confirmed = await post("/auth/login/two-factor/enrolment/confirm", {
      challenge: challenge.challenge,
      code: nextCode(secret),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json<{ user: { requestOnly: string | null } }>().user.requestOnly).toBe(requestId);
    const linkSession = callerOf(server, "tflink", sessionOf(confirmed));
    expect((await linkSession.get(`/file-requests/${requestId}`)).statusCode).toBe(200);
    expect((await linkSession.get(`/clients/${p.clients.acme}/files`)).statusCode).toBe(403);
  });
});
