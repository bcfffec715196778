/** The sections in the navigation, each shown only to people whose rights let it work. */
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
  { to: "/reports", label: "Reports", shows: (me) => mayDo(me, "reports", "R") },
  { to: "/account", label: "Your account", shows: () => true },
];

export function navigationFor(me: Me | undefined): NavigationItem[] {
  if (!me) return [];
  return SECTIONS.filter((section) => section.shows(me)).map(({ to, label }) => ({ to, label }));
}
