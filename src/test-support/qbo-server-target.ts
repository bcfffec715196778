/**
 * A QboTarget connected to a fresh QBO-compatible server, as if the firm had just connected:
 * the tests of the QuickBooks Online target start here. Each call gets its own company (realm),
 * so the process-wide per-company limits of one test never slow another.
 */
import type { QboApp, QboTokens } from "../accounting/qbo/qbo-client.js";
import { QboTarget, type QboTargetOptions } from "../accounting/qbo/qbo-target.js";
import { afterThisFile } from "./file-cleanup.js";
import { startQboServer, type QboServer, type QboServerOptions } from "./qbo-server.js";

const servers: QboServer[] = [];
const closeServers = async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
};

let realmCounter = 0;

export function qboAppOf(server: QboServer): QboApp {
  return {
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    apiUrl: server.apiUrl,
    tokenUrl: server.tokenUrl,
    authorizeUrl: server.authorizeUrl,
  };
}

export async function connectedQboTarget(
  serverOptions: QboServerOptions = {},
  targetOptions: Partial<QboTargetOptions> = {},
) {
  const realmId = `9130${process.pid}${String(++realmCounter).padStart(4, "0")}`;
  const server = await startQboServer({ realmId, ...serverOptions });
  afterThisFile(closeServers);
  servers.push(server);
  const issued = server.issueTokens();
  /** What saveTokens was handed, in order. */
  const saved: QboTokens[] = [];
  const tokens: QboTokens = {
    accessToken: issued.accessToken,
    accessExpiresAt: new Date(Date.now() + issued.expiresIn * 1000).toISOString(),
    refreshToken: issued.refreshToken,
    refreshExpiresAt: new Date(Date.now() + issued.refreshExpiresIn * 1000).toISOString(),
  };
  const target = new QboTarget({
    app: qboAppOf(server),
    realmId: server.realmId,
    tokens,
    saveTokens: (next) => {
      saved.push(next);
      return Promise.resolve();
    },
    minorDigits: 2,
    retryBaseMs: 5,
    ...targetOptions,
  });
  return { server, target, saved, tokens };
}
