/** The firm's portal settings (portal_setting): one row per firm, defaults until an Admin saves. */
import type { Db } from "../store/database.js";

export interface PortalSettings {
  /** Emails carry the request's description, message and items; off: only that something waits. */
  detailedNotifications: boolean;
  /** One email per event, or a digest `digestMinutes` after the first event a person has not seen. */
  notificationMode: "each" | "digest";
  digestMinutes: number;
}

export const DEFAULT_PORTAL_SETTINGS: PortalSettings = {
  detailedNotifications: true,
  notificationMode: "each",
  digestMinutes: 10,
};

export async function readPortalSettings(db: Db, firmId: string): Promise<PortalSettings> {
  const row = await db
    .selectFrom("portal_setting")
    .selectAll()
    .where("firm_id", "=", firmId)
    .executeTakeFirst();
  if (!row) return DEFAULT_PORTAL_SETTINGS;
  return {
    detailedNotifications: row.detailed_notifications === 1,
    notificationMode: row.notification_mode,
    digestMinutes: row.digest_minutes,
  };
}

export async function writePortalSettings(
  db: Db,
  firmId: string,
  settings: PortalSettings,
  now: string,
): Promise<void> {
  const values = {
    detailed_notifications: settings.detailedNotifications ? 1 : 0,
    notification_mode: settings.notificationMode,
    digest_minutes: settings.digestMinutes,
    updated_at: now,
  };
  await db
    .insertInto("portal_setting")
    .values({ firm_id: firmId, ...values })
    .onConflict((conflict) => conflict.column("firm_id").doUpdateSet(values))
    .execute();
}
