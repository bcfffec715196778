/**
 * DKIM signing: with FIRMTIME_DKIM_* set, every email leaves signed, and a receiver's verifier
 * (mailauth, with the selector's TXT record served from here instead of DNS) says it passes;
 * a message changed on the way fails. Wrong settings stop the start with words naming them.
 */
import { generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { dkimVerify } from "mailauth/lib/dkim/verify.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config/config.js";
import { startTestSmtp, type TestSmtp } from "../test-support/smtp-server.js";
import { createSmtpTransport } from "./smtp-transport.js";
import { dkimSigningOf } from "./start-mail.js";
import { tempDir } from "../test-support/temp-dir.js";

const FROM = "Smith & Co CPAs <no-reply@mail.smith.test>";
const SELECTOR = "ft2026";

describe("DKIM signing of outgoing email", () => {
  const folder = tempDir("dkim");
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyFile = join(folder, "dkim.pem");
  writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }));
  /** The TXT record a firm publishes at <selector>._domainkey.<domain>. */
  const txtRecord = `v=DKIM1; k=rsa; p=${publicKey.export({ type: "spki", format: "der" }).toString("base64")}`;
  const resolver = (name: string, type: string) =>
    name === `${SELECTOR}._domainkey.smith.test` && type === "TXT"
      ? Promise.resolve([[txtRecord]])
      : Promise.reject(Object.assign(new Error(`no ${type} record for ${name}`), { code: "ENOTFOUND" }));
  const env = (more: Record<string, string> = {}) => ({
    FIRMTIME_MAIL_FROM: FROM,
    FIRMTIME_DKIM_DOMAIN: "smith.test",
    FIRMTIME_DKIM_SELECTOR: SELECTOR,
    FIRMTIME_DKIM_KEY_FILE: keyFile,
    ...more,
  });

  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp?.stop();
  });

  it("signs each email so that a receiver's check passes, and fails it once the body is changed", async () => {
    const config = loadConfig({}, env());
    const transport = createSmtpTransport(smtp.url, config.mailFrom, dkimSigningOf(config));
    await transport.send({
      messageId: "<dkim-1@mail.smith.test>",
      to: "carla@acme.test",
      subject: "Smith & Co CPAs asks you for documents: 2026 tax return",
      text: "Hello Carla,\n\nOpen the request: https://time.smith.test/f/smith/open-request?token=abc\n",
      html: "<p>Hello Carla,</p><p><a href='https://time.smith.test/'>Open the request</a></p>",
      replyTo: "mia@smith.test",
      senderName: "Smith & Co CPAs",
    });
    transport.close();
    const mail = await smtp.waitFor((m) => m.messageId === "<dkim-1@mail.smith.test>");
    const raw = mail.raw.toString("latin1");
    expect(raw).toMatch(/^Auto-Submitted: auto-generated\r$/m);

    const verified = await dkimVerify(mail.raw, { resolver });
    expect(verified.results).toHaveLength(1);
    expect(verified.results[0]).toMatchObject({
      signingDomain: "smith.test",
      selector: SELECTOR,
      status: { result: "pass" },
    });
    // What the signature covers: who it is from, to whom, the subject and the reply address.
    const signed = /^DKIM-Signature:[\s\S]*?\bh=([^;]+);/m.exec(raw)![1]!.replace(/\s+/g, "").toLowerCase();
    expect(signed.split(":")).toEqual(
      expect.arrayContaining(["from", "to", "subject", "reply-to", "message-id"]),
    );

    const tampered = Buffer.from(raw.replace("token=abc", "token=evil"), "latin1");
    const check = await dkimVerify(tampered, { resolver });
    expect(check.results[0]!.status.result).not.toBe("pass");
  });

  it("refuses settings that would send unsigned or unaligned mail, naming the setting", () => {
    const refused = (more: Record<string, string>, without: string[] = []) => {
      const given: Record<string, string> = env(more);
      for (const name of without) delete given[name];
      try {
        dkimSigningOf(loadConfig({}, given));
      } catch (error) {
        return (error as Error).message;
      }
      return "accepted";
    };
    expect(refused({}, ["FIRMTIME_DKIM_KEY_FILE"])).toMatch(/^FIRMTIME_DKIM_DOMAIN=.*needs the other two/);
    expect(refused({ FIRMTIME_DKIM_DOMAIN: "other.test" })).toMatch(
      /FIRMTIME_DKIM_DOMAIN=.*must be the From address's domain \(mail\.smith\.test\) or a parent of it/,
    );
    expect(refused({ FIRMTIME_DKIM_DOMAIN: "not a domain" })).toMatch(/is not a domain name/);
    expect(refused({ FIRMTIME_DKIM_KEY_FILE: join(folder, "missing.pem") })).toMatch(
      /^FIRMTIME_DKIM_KEY_FILE: cannot read .*missing\.pem \(ENOENT\)$/,
    );
    const notAKey = join(folder, "not-a-key.pem");
    writeFileSync(notAKey, "hello");
    expect(refused({ FIRMTIME_DKIM_KEY_FILE: notAKey })).toMatch(/is not a PEM private key$/);
    const ecKey = join(folder, "ec.pem");
    writeFileSync(
      ecKey,
      generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }),
    );
    expect(refused({ FIRMTIME_DKIM_KEY_FILE: ecKey })).toMatch(/is a ec key; DKIM signing needs RSA$/);
    expect(refused({})).toBe("accepted");
    // The From address's own domain aligns too.
    expect(refused({ FIRMTIME_DKIM_DOMAIN: "MAIL.smith.test" })).toBe("accepted");
  });
});
