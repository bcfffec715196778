/** The sections in the navigation, each shown only to people whose rights let it work. */
import { setupShows } from "../features/setup-records/setup-rights";
import { mayDo, type Me } from "../lib/me";

export interface NavigationItem {
  to: string;
  label: string;
}

const SECTIONS: (NavigationItem & { shows: (me: Me) => boolean })[] = [
  { to: "/", label: "Home", shows: () => true },
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
  { to: "/setup/users", label: "Users", shows: (me) => mayDo(me, "users", "R", "firm") },
  { to: "/setup/roles", label: "Roles", shows: (me) => mayDo(me, "roles", "R", "firm") },
  {
    to: "/setup/sharing",
    label: "Sharing",
    shows: (me) =>
      mayDo(me, "roles", "R", "firm") || mayDo(me, "entities", "A") || mayDo(me, "entities", "S"),
  },
  { to: "/account", label: "Your account", shows: () => true },
];

export function navigationFor(me: Me | undefined): NavigationItem[] {
  if (!me) return [];
  return SECTIONS.filter((section) => section.shows(me)).map(({ to, label }) => ({ to, label }));
}
