/**
 * After any change to a client's files or folders: every files query and the history are read
 * again (a change shows in the lists, the file's versions and the history at once).
 */
import { useFirm } from "../../../lib/firm-context";
import { filesKeys } from "./file-types";
import { refreshAfterChange } from "../../../lib/refresh";

export function useFilesChanged() {
  const { queryClient } = useFirm();
  return () => {
    // A contact's home (features/portal) lists documents to approve under ["portal", "waiting"].
    void refreshAfterChange(queryClient, filesKeys.all, ["activity"], ["portal", "waiting"]);
  };
}
