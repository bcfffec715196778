/**
 * Pieces every setup page uses: a record's fields as a description list, the note that says why
 * an action is missing, and the "go to code" box that opens a record by its exact code.
 */
import {
  Alert,
  Anchor,
  Button,
  type ButtonProps,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { createLink, Link, useNavigate } from "@tanstack/react-router";
import { forwardRef, useState, type AnchorHTMLAttributes, type ReactNode } from "react";
import { problemText } from "../../../api/problem";

export function Fields({ items }: { items: [label: string, value: ReactNode][] }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs" m={0}>
      {items.map(([label, value]) => (
        <Stack key={label} gap={0}>
          <Text component="dt" size="sm" c="dimmed">
            {label}
          </Text>
          <Text component="dd" m={0} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {value === "" || value === null || value === undefined ? "—" : value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}

/** Why the page offers fewer actions than it could: said, not silently left out. */
export function ReadOnlyNote({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" role="note">
      {children}
    </Text>
  );
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={to} size="sm">
      ← {children}
    </Anchor>
  );
}

/** Opens the record whose code is exactly what was typed (any case), or says there is none. */
export function GoToCode({
  what,
  find,
  pathOf,
}: {
  /** "client", "work code" */
  what: string;
  find: (code: string) => Promise<{ id: string } | null>;
  pathOf: (id: string) => string;
}) {
  const navigate = useNavigate();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    const wanted = code.trim();
    if (!wanted) return setError(`Type a ${what} code`);
    setBusy(true);
    try {
      const found = await find(wanted);
      if (found) await navigate({ to: pathOf(found.id) });
      else setError(`No ${what} has the code ${wanted}`);
    } catch (problem) {
      setError(problemText(problem));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => (event.preventDefault(), void go())} noValidate role="search">
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          label={`Go to ${what} code`}
          value={code}
          onChange={(event) => {
            setCode(event.currentTarget.value);
            setError(undefined);
          }}
          error={error}
          autoCapitalize="characters"
          style={{ flex: "1 1 10rem", maxWidth: "14rem" }}
        />
        <Button type="submit" variant="default" loading={busy} mt={{ base: 27 }} size="md">
          Go
        </Button>
      </Group>
    </form>
  );
}

export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      {problemText(error)}
    </Alert>
  );
}

/** A setup page's address inside the firm's app: setupPath("clients", id) is /setup/clients/{id}. */
export const setupPath = (...segments: string[]): string => ["/setup", ...segments].join("/");

/** A button that is a link of the router (typed addresses, params and search). */
const ButtonAnchor = forwardRef<HTMLAnchorElement, ButtonProps & AnchorHTMLAttributes<HTMLAnchorElement>>(
  function ButtonAnchor(props, ref) {
    return <Button component="a" ref={ref} {...props} />;
  },
);
export const ButtonLink = createLink(ButtonAnchor);
