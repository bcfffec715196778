/** What the signed-in person may do with the firm's accounting (the accounting transfer right). */
import { mayDo, useMe } from "../../../lib/me";

export const ACCOUNTING_RIGHT = "accounting transfer";

export function useAccountingRights() {
  const me = useMe();
  return {
    read: mayDo(me, "accounting_transfer", "R", "firm"),
    edit: mayDo(me, "accounting_transfer", "E", "firm"),
    run: mayDo(me, "accounting_transfer", "C", "firm"),
  };
}
