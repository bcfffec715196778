/**
 * Mail delivery for a running server, from its configuration. `firmtime serve` starts it
 * beside the app and passes `notify` as ServerDeps.notifyMail:
 *
 *   let mail: MailService | undefined;
 *   const deps = { store, clock, config, notifyMail: () => mail?.notify() };
 *   const app = await buildApp(deps, logger);
 *   mail = startMail({ store, clock, config, logger: app.log.child({ component: "mail" }) });
 *   // on shutdown, after app.close(): await mail.stop();
 */
import { createPrivateKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ServerConfig } from "../config/config.js";
import { invalid } from "../domain/errors.js";
import type { Clock } from "../store/clock.js";
import type { Store } from "../store/database.js";
import { createMailDeliverer, type DeliveryPolicy, type MailLogger } from "./deliverer.js";
import { createSmtpTransport, mailDomain, type DkimSigning } from "./smtp-transport.js";

export interface MailService {
  notify: () => void;
  stop: () => Promise<void>;
}

export function startMail(deps: {
  store: Store;
  clock: Clock;
  config: Pick<ServerConfig, "smtpUrl" | "mailFrom" | "dkimDomain" | "dkimSelector" | "dkimKeyFile">;
  logger: MailLogger;
  policy?: Partial<DeliveryPolicy>;
}): MailService {
  const { smtpUrl, mailFrom } = deps.config;
  if (!smtpUrl) {
    // Emails stay queued (nothing is lost) and go out once SMTP is configured and the server restarts.
    deps.logger.warn(
      {},
      "FIRMTIME_SMTP_URL is not set: invitation and password-reset emails stay queued in the outbox, unsent",
    );
    return { notify: () => {}, stop: () => Promise.resolve() };
  }
  const deliverer = createMailDeliverer({
    store: deps.store,
    clock: deps.clock,
    transport: createSmtpTransport(smtpUrl, mailFrom, dkimSigningOf(deps.config)),
    logger: deps.logger,
    messageIdDomain: mailDomain(mailFrom),
    policy: deps.policy,
  });
  deliverer.start();
  return { notify: deliverer.notify, stop: deliverer.stop };
}

/**
 * The DKIM settings with their key, read and checked once at start: a key that cannot be read or
 * is not a private key stops the server with a message naming the setting, rather than every
 * email going out unsigned (or not at all).
 */
export function dkimSigningOf(
  config: Pick<ServerConfig, "dkimDomain" | "dkimSelector" | "dkimKeyFile">,
): DkimSigning | undefined {
  const { dkimDomain, dkimSelector, dkimKeyFile } = config;
  if (!dkimDomain || !dkimSelector || !dkimKeyFile) return undefined;
  let privateKey: string;
  try {
    privateKey = readFileSync(dkimKeyFile, "utf8");
  } catch (error) {
    throw invalid(
      `FIRMTIME_DKIM_KEY_FILE: cannot read ${dkimKeyFile} (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKey);
  } catch {
    throw invalid(`FIRMTIME_DKIM_KEY_FILE: ${dkimKeyFile} is not a PEM private key`);
  }
  // nodemailer signs rsa-sha256 only (and silently sends unsigned when it cannot sign); receivers
  // ignore keys under 1024 bits.
  if (key.asymmetricKeyType !== "rsa")
    throw invalid(
      `FIRMTIME_DKIM_KEY_FILE: ${dkimKeyFile} is a ${key.asymmetricKeyType} key; DKIM signing needs RSA`,
    );
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 1024)
    throw invalid(`FIRMTIME_DKIM_KEY_FILE: ${dkimKeyFile} is shorter than 1024 bits; use 2048`);
  return { domainName: dkimDomain.toLowerCase(), keySelector: dkimSelector, privateKey };
}
