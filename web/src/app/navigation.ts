/** The sections in the navigation, each shown only to people whose rights let it work. */
import { setupShows } from "../features/setup-records/setup-rights";
import { mayDo, type Me } from "../lib/me";

export interface NavigationItem {
  to: string;
  label: string;
}

const SECTIONS: (NavigationItem & { shows: (me: Me) => boolean })[] = [
  { to: "/", label: "Home", shows: () => true },
  // The client portal's file requests (features/requests), for staff who may run them.
  { to: "/requests", label: "Requests", shows: (me) => me.staffId !== null && mayDo(me, "activities", "R") },
  { to: "/time", label: "Timesheet", shows: (me) => me.staffId !== null && mayDo(me, "time_entries", "C") },
  { to: "/time/day", label: "Day", shows: (me) => me.staffId !== null && mayDo(me, "time_entries", "C") },
  {
    to: "/expenses",
    label: "Expenses",
    shows: (me) => me.staffId !== null && mayDo(me, "expense_entries", "C"),
  },
  { to: "/approvals", label: "Approvals", shows: (me) => me.reviewer },
  { to: "/reports", label: "Reports", shows: (me) => mayDo(me, "reports", "R") },
  { to: "/setup", label: "Setup", shows: setupShows },
  // Firm setup: people and access (features/setup-people), for those who may read each.
  { to: "/setup/firm", label: "Firm profile", shows: (me) => mayDo(me, "settings", "E", "firm") },
  { to: "/setup/staff", label: "Staff", shows: (me) => mayDo(me, "staff", "R", "firm") },
  { to: "/setup/staff-groups", label: "Staff groups", shows: (me) => mayDo(me, "staff_groups", "R", "firm") },
  {
    to: "/setup/contact-groups",
    label: "Contact groups",
    shows: (me) => mayDo(me, "contact_groups", "R", "firm"),
  },
  { to: "/setup/users", label: "Users", shows: (me) => mayDo(me, "users", "R", "firm") },
  { to: "/setup/roles", label: "Roles", shows: (me) => mayDo(me, "roles", "R", "firm") },
  {
    to: "/setup/sharing",
    label: "Sharing",
    shows: (me) =>
      mayDo(me, "roles", "R", "firm") || mayDo(me, "entities", "A") || mayDo(me, "entities", "S"),
  },
  { to: "/setup/portal", label: "Portal", shows: (me) => mayDo(me, "settings", "E", "firm") },
  // Transfers to the firm's books (features/accounting), for those with the accounting transfer right.
  { to: "/accounting", label: "Accounting", shows: (me) => mayDo(me, "accounting_transfer", "R", "firm") },
  { to: "/account", label: "Your account", shows: () => true },
];

/** A client's contact sees the portal only: what waits for them, their files, their account. */
const CONTACT_SECTIONS: NavigationItem[] = [
  { to: "/", label: "Home" },
  // What the firm shared with them and what they sent (features/files).
  { to: "/files", label: "Files" },
  { to: "/account", label: "Your account" },
];

export function navigationFor(me: Me | undefined): NavigationItem[] {
  if (!me) return [];
  // A request email's link opens one request: nothing else to go to.
  if (me.requestOnly) return [];
  if (me.contactId !== null) return CONTACT_SECTIONS;
  return SECTIONS.filter((section) => section.shows(me)).map(({ to, label }) => ({ to, label }));
}

/** The pages of the portal a contact may open (the rest of the app is the firm's). */
const CONTACT_PAGES = [
  /^\/$/,
  /^\/account$/,
  /^\/requests\/[^/]+$/,
  /^\/files(\/.*)?$/,
  // A document to approve (features/document-approvals).
  /^\/approvals\/[^/]+$/,
];

/**
 * Whether this person may open the page at `here` (the path inside the firm's app): a contact only
 * the portal's pages, a request link's session only its request. The server refuses the rest
 * anyway; this keeps the screen from showing a broken page instead of saying so.
 */
export function pageIsFor(me: Me | undefined, here: string): boolean {
  if (!me) return true;
  if (me.requestOnly) return here === `/requests/${me.requestOnly}`;
  if (me.contactId !== null) return CONTACT_PAGES.some((page) => page.test(here));
  return true;
}
