/**
 * A firm's QuickBooks Online tokens are stored sealed (AES-256-GCM), so a copy of the database
 * alone (a backup, a stolen dump) does not let anyone into the firm's books. The key is derived
 * (HKDF-SHA-256) from the server's QuickBooks app secret, FIRMTIME_QBO_CLIENT_SECRET: every
 * process that may use the tokens (the server that receives them, every connector) already
 * needs that secret, and nothing new has to be kept and shared beside it. Each sealed value is
 * bound to its firm, so a value copied to another firm's row does not open.
 *
 * Tokens stored before sealing are read as they are and sealed on their next rotation. If the
 * app secret changes, the stored tokens no longer open: the firm must connect again, and is told.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { StoredTokens } from "../accounting-store.js";
import { TargetError } from "../target.js";

const PREFIX = "sealed1:";
const INFO = "firmtime QuickBooks Online tokens";

export class TokenSeal {
  private readonly key: Buffer;

  constructor(appSecret: string) {
    this.key = Buffer.from(hkdfSync("sha256", appSecret, "firmtime", INFO, 32));
  }

  seal(firmId: string, text: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(firmId));
    const sealed = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
    return `${PREFIX}${[iv, cipher.getAuthTag(), sealed].map((part) => part.toString("base64url")).join(".")}`;
  }

  open(firmId: string, stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const [iv, tag, sealed] = stored
      .slice(PREFIX.length)
      .split(".")
      .map((part) => Buffer.from(part, "base64url"));
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, iv!);
      decipher.setAAD(Buffer.from(firmId));
      decipher.setAuthTag(tag!);
      return Buffer.concat([decipher.update(sealed!), decipher.final()]).toString("utf8");
    } catch {
      throw new TargetError(
        "reconnect",
        "the stored QuickBooks Online connection cannot be read with this server's app secret " +
          "(was FIRMTIME_QBO_CLIENT_SECRET changed?): an Admin must connect again",
      );
    }
  }

  sealTokens(firmId: string, tokens: StoredTokens): StoredTokens {
    return {
      ...tokens,
      accessToken: this.seal(firmId, tokens.accessToken),
      refreshToken: this.seal(firmId, tokens.refreshToken),
    };
  }

  openTokens(firmId: string, tokens: StoredTokens): StoredTokens {
    return {
      ...tokens,
      accessToken: this.open(firmId, tokens.accessToken),
      refreshToken: this.open(firmId, tokens.refreshToken),
    };
  }
}
