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
import type { ServerConfig } from "../config/config.js";
import type { Clock } from "../store/clock.js";
import type { Store } from "../store/database.js";
import { createMailDeliverer, type DeliveryPolicy, type MailLogger } from "./deliverer.js";
import { createSmtpTransport, mailDomain } from "./smtp-transport.js";

export interface MailService {
  notify: () => void;
  stop: () => Promise<void>;
}

export function startMail(deps: {
  store: Store;
  clock: Clock;
  config: Pick<ServerConfig, "smtpUrl" | "mailFrom">;
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
    transport: createSmtpTransport(smtpUrl, mailFrom),
    logger: deps.logger,
    messageIdDomain: mailDomain(mailFrom),
    policy: deps.policy,
  });
  deliverer.start();
  return { notify: deliverer.notify, stop: deliverer.stop };
}
