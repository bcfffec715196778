/** Sending one email over SMTP with nodemailer; the deliverer sees only MailTransport. */
import nodemailer from "nodemailer";

export interface OutgoingMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  replyTo?: string | null;
  senderName?: string | null;
}

/** DKIM signing (RFC 6376), so receivers can tell the firm's mail from a forgery. */
export interface DkimSigning {
  domainName: string;
  keySelector: string;
  /** PEM. */
  privateKey: string;
}

export interface MailTransport {
  /** Resolves once the SMTP server accepted the message; rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * Timeouts well below the deliverer's lease, so a hung SMTP conversation ends (and is retried)
 * before another process could take the same row over.
 */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function createSmtpTransport(smtpUrl: string, from: string, dkim?: DkimSigning): MailTransport {
  const transporter = nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS, ...(dkim && { dkim }) });
  return {
    async send(mail) {
      await transporter.sendMail({
        from: mail.senderName ? { name: mail.senderName, address: mailAddress(from) } : from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        messageId: mail.messageId,
        // Every email firmtime sends is automatic (RFC 3834): out-of-office replies stay away.
        headers: { "Auto-Submitted": "auto-generated" },
      });
    },
    close: () => transporter.close(),
  };
}

/** The address of a From setting ("firmtime <no-reply@x.test>" -> "no-reply@x.test"). */
export function mailAddress(from: string): string {
  const match = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from.trim());
  return match?.[1] ?? from.trim();
}

/** The domain part of a From address ("firmtime <no-reply@x.test>" -> "x.test"), for Message-IDs. */
export function mailDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  return match?.[1]?.toLowerCase() ?? "firmtime.invalid";
}
