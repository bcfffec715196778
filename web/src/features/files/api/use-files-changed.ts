/**
 * After any change to a client's files or folders: every files query and the history are read
 * again (a change shows in the lists, the file's versions and the history at once).
 */
import { useFirm } from "../../../lib/firm-context";
import { filesKeys } from "./file-types";

export function useFilesChanged() {
  const { queryClient } = useFirm();
  return () => {
    void queryClient.invalidateQueries({ queryKey: filesKeys.all });
    void queryClient.invalidateQueries({ queryKey: ["activity"] });
    // A contact's home (features/portal) lists documents to approve under this key.
    void queryClient.invalidateQueries({ queryKey: ["portal", "waiting"] });
  };
}
