/**
 * The setup pages and who sees each: the navigation's Setup section and the setup index both ask
 * here (a module without components, so the navigation does not load the pages).
 */
import { mayDo, type Me } from "../../lib/me";

export const SETUP_PAGES = [
  {
    kind: "clients",
    title: "Clients",
    about: "Client entities, their projects, contacts and rates",
    shows: (me: Me) => mayDo(me, "entities", "R"),
  },
  {
    kind: "projects",
    title: "Projects",
    about: "Jobs and engagements, their budgets and rates",
    shows: (me: Me) => mayDo(me, "projects", "R"),
  },
  {
    kind: "contacts",
    title: "Contacts",
    about: "People at the firm's clients",
    shows: (me: Me) => mayDo(me, "contacts", "R", "firm"),
  },
  {
    kind: "contact-companies",
    title: "Contact companies",
    about: "The organisations contacts work for",
    shows: (me: Me) => mayDo(me, "contacts", "R", "firm"),
  },
  {
    kind: "work-codes",
    title: "Work codes",
    about: "What time and expenses are recorded against",
    shows: (me: Me) => mayDo(me, "work_codes", "R"),
  },
  {
    kind: "rates",
    title: "Rates",
    about: "Effective-dated rates at every level",
    shows: (me: Me) => mayDo(me, "work_codes", "R"),
  },
  {
    kind: "imports",
    title: "Imports",
    about: "Records from CSV, every bad row shown first",
    shows: (me: Me) =>
      ["entities", "contacts", "work_codes", "staff", "time_entries", "expense_entries"].some((object) =>
        mayDo(me, object, "C", "firm"),
      ),
  },
  // The client portal's settings (features/portal, at /setup/portal).
  {
    kind: "portal",
    title: "Portal",
    about: "What the portal's emails to clients say, and how often they go",
    shows: (me: Me) => mayDo(me, "settings", "E", "firm"),
  },
] as const;

/** Whether the Setup section has anything for `me`. */
export const setupShows = (me: Me): boolean => SETUP_PAGES.some((page) => page.shows(me));
