/**
 * The setup pages by address: /setup/{kind} is a list (or the rates and imports pages),
 * /setup/{kind}/{id} one record, /setup/{kind}/new a new one. Each kind shows to those who may read it.
 */
import { Paper, Stack } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { PageTitle } from "../../../components/page-title";
import { SETUP_PAGES } from "../setup-rights";
import { NotFoundText } from "./not-found-text";
import { ClientForm } from "./client-form";
import { ClientPage } from "./client-page";
import { ClientsPage } from "./clients-page";
import { CompaniesPage, CompanyForm, CompanyPage } from "./companies";
import { ContactForm } from "./contact-form";
import { ContactPage } from "./contact-page";
import { ContactsPage } from "./contacts-page";
import { ImportsPage } from "./imports-page";
import { ProjectForm } from "./project-form";
import { ProjectPage } from "./project-page";
import { ProjectsPage } from "./projects-page";
import { RatesPage } from "./rates-page";
import { BackLink, setupPath } from "./setup-parts";
import { WorkCodeForm, WorkCodePage, WorkCodesPage } from "./work-codes";

export function SetupListPage({ kind }: { kind: string }) {
  switch (kind) {
    case "clients":
      return <ClientsPage />;
    case "projects":
      return <ProjectsPage />;
    case "contacts":
      return <ContactsPage />;
    case "contact-companies":
      return <CompaniesPage />;
    case "work-codes":
      return <WorkCodesPage />;
    case "rates":
      return <RatesPage />;
    case "imports":
      return <ImportsPage />;
    default:
      return <NotFoundText />;
  }
}

function NewRecord({ kind, title, children }: { kind: string; title: string; children: ReactNode }) {
  return (
    <Stack>
      <BackLink to={setupPath(kind)}>
        {SETUP_PAGES.find((page) => page.kind === kind)?.title ?? "Setup"}
      </BackLink>
      <PageTitle title={title} />
      <Paper withBorder p="md">
        {children}
      </Paper>
    </Stack>
  );
}

function NewRecordPage({ kind, clientId }: { kind: string; clientId: string | undefined }) {
  const navigate = useNavigate();
  const open = (id: string) => void navigate({ to: setupPath(kind, id) });
  const back = () => void navigate({ to: clientId ? setupPath("clients", clientId) : setupPath(kind) });
  switch (kind) {
    case "clients":
      return (
        <NewRecord kind={kind} title="New client">
          <ClientForm onSaved={(client) => open(client.id)} onCancel={back} />
        </NewRecord>
      );
    case "projects":
      return (
        <NewRecord kind={kind} title="New project">
          <ProjectForm clientId={clientId} onSaved={(project) => open(project.id)} onCancel={back} />
        </NewRecord>
      );
    case "contacts":
      return (
        <NewRecord kind={kind} title="New contact">
          <ContactForm clientId={clientId} onSaved={(contact) => open(contact.id)} onCancel={back} />
        </NewRecord>
      );
    case "contact-companies":
      return (
        <NewRecord kind={kind} title="New contact company">
          <CompanyForm onSaved={(company) => open(company.id)} onCancel={back} />
        </NewRecord>
      );
    case "work-codes":
      return (
        <NewRecord kind={kind} title="New work code">
          <WorkCodeForm onSaved={(workCode) => open(workCode.id)} onCancel={back} />
        </NewRecord>
      );
    default:
      return <NotFoundText />;
  }
}

export function SetupRecordPage({
  kind,
  id,
  clientId,
}: {
  kind: string;
  id: string;
  clientId?: string | undefined;
}) {
  if (id === "new") return <NewRecordPage kind={kind} clientId={clientId} />;
  switch (kind) {
    case "clients":
      return <ClientPage id={id} />;
    case "projects":
      return <ProjectPage id={id} />;
    case "contacts":
      return <ContactPage id={id} />;
    case "contact-companies":
      return <CompanyPage id={id} />;
    case "work-codes":
      return <WorkCodePage id={id} />;
    default:
      return <NotFoundText />;
  }
}
