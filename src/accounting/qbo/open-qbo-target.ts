/**
 * Opens a firm's QuickBooks Online connection for the connector, from the server's app settings
 * (FIRMTIME_QBO_*) and the firm's stored tokens, sealed at rest (token-seal.ts). Rotated tokens
 * are written back to the store before they are used (saveTokens: one UPDATE).
 */
import type { ServerConfig } from "../../config/config.js";
import { AppError } from "../../domain/errors.js";
import { saveTokens, type AccountingConnection } from "../accounting-store.js";
import type { OpenTarget } from "../connector.js";
import type { QboApp } from "./qbo-client.js";
import { TokenSeal } from "./token-seal.js";
import type { QboLimits } from "./qbo-limits.js";

type QboSettings = Pick<
  ServerConfig,
  "qboClientId" | "qboClientSecret" | "qboApiUrl" | "qboTokenUrl" | "qboAuthorizeUrl"
>;

/** The QuickBooks app this server is, or undefined when none is configured. */
export function qboAppOf(config: QboSettings): QboApp | undefined {
  if (!config.qboClientId || !config.qboClientSecret) return undefined;
  return {
    clientId: config.qboClientId,
    clientSecret: config.qboClientSecret,
    apiUrl: config.qboApiUrl.endsWith("/") ? config.qboApiUrl : `${config.qboApiUrl}/`,
    tokenUrl: config.qboTokenUrl,
    authorizeUrl: config.qboAuthorizeUrl,
  };
}

export function requireQboApp(config: QboSettings): QboApp {
  const app = qboAppOf(config);
  if (!app)
    throw new AppError(
      "PREREQUISITES",
      "this server has no QuickBooks Online app: set FIRMTIME_QBO_CLIENT_ID and FIRMTIME_QBO_CLIENT_SECRET",
    );
  return app;
}

export function qboTargetOpener(
  config: QboSettings,
  options: { limits?: QboLimits; retryBaseMs?: number } = {},
): OpenTarget {
  return async (db, firm, connection: AccountingConnection) => {
    const app = requireQboApp(config);
    if (!connection.realmId || !connection.tokens)
      throw new AppError("PREREQUISITES", "QuickBooks Online is not connected for this firm");
    const seal = new TokenSeal(app.clientSecret);
    // node-quickbooks and intuit-oauth are loaded when a firm first syncs, not at every start.
    const { QboTarget } = await import("./qbo-target.js");
    return new QboTarget({
      app,
      realmId: connection.realmId,
      tokens: seal.openTokens(firm.id, connection.tokens),
      saveTokens: (tokens) =>
        saveTokens(db, firm.id, seal.sealTokens(firm.id, tokens), new Date().toISOString()),
      minorDigits: firm.minorDigits,
      ...options,
    });
  };
}
