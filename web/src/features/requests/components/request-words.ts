/** How a request's and an item's states read, for the firm's staff and for the client's contact. */
import type { RequestStatus } from "../api/requests";

type Side = "staff" | "contact";

const ITEM_WORDS: Record<Side, Record<RequestStatus, string>> = {
  staff: {
    open: "Waiting for the client",
    responded: "Answered: to review",
    completed: "Accepted",
    cancelled: "Cancelled",
  },
  contact: {
    open: "To do",
    responded: "Sent",
    completed: "Accepted",
    cancelled: "No longer needed",
  },
};

const REQUEST_WORDS: Record<Side, Record<RequestStatus, string>> = {
  staff: {
    open: "Waiting for the client",
    responded: "Answered: to review",
    completed: "Completed",
    cancelled: "Cancelled",
  },
  contact: {
    open: "Waiting for you",
    responded: "Sent to the firm",
    completed: "Completed",
    cancelled: "Cancelled",
  },
};

/** Badge colours with AA contrast on white (the darker shades). */
export const STATUS_COLOR: Record<RequestStatus, string> = {
  open: "red.9",
  responded: "blue.8",
  completed: "teal.9",
  cancelled: "gray.7",
};

export const itemStatusWords = (side: Side, status: RequestStatus) => ITEM_WORDS[side][status];
export const requestStatusWords = (side: Side, status: RequestStatus) => REQUEST_WORDS[side][status];

/** What an item asks of the client. */
export function itemActionWords(action: "upload" | "update" | "sign", fileName: string | undefined): string {
  if (action === "update") return `Update ${fileName ?? "the attached file"} and send it back`;
  if (action === "sign") return `Sign ${fileName ?? "the attached file"} and send it back`;
  return "Send a document or a photo";
}

/** 1536 → "1.5 KB": sizes for people (whole bytes are counted on the server). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
