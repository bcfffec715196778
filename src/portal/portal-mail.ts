/**
 * The portal's emails, written once as paragraphs and a button, sent as plain text and HTML with
 * the same words. Plain, short, from the firm's name, with a reply address of a person: mail
 * that looks like a person's is less often taken for spam than a bare notification.
 */
export interface PortalMail {
  subject: string;
  /** Paragraphs; a paragraph of several lines keeps its line breaks. */
  paragraphs: readonly string[];
  /** The one thing to do, as a button in HTML and a line in text. */
  action?: { label: string; url: string };
  /** Small print after the action (how long a link works, why they got this). */
  footer?: readonly string[];
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

export function mailText(mail: PortalMail): string {
  const parts = [...mail.paragraphs];
  if (mail.action) parts.push(`${mail.action.label}:\n${mail.action.url}`);
  if (mail.footer?.length) parts.push(mail.footer.join("\n"));
  return parts.join("\n\n");
}

export function mailHtml(mail: PortalMail): string {
  const paragraph = (text: string) =>
    `<p style="margin:0 0 16px">${escapeHtml(text).replaceAll("\n", "<br>")}</p>`;
  const button = mail.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(mail.action.url)}" style="background:#1c5d99;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(mail.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#444">If the button does not work, open this address: ${escapeHtml(mail.action.url)}</p>`
    : "";
  const footer = mail.footer?.length
    ? `<p style="margin:24px 0 0;font-size:13px;color:#444">${mail.footer.map(escapeHtml).join("<br>")}</p>`
    : "";
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(mail.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:600px;margin:0 auto;padding:16px">',
    ...mail.paragraphs.map(paragraph),
    button,
    footer,
    "</body></html>",
  ].join("\n");
}
