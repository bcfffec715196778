/**
 * The root page: a person types their firm's address (its short name, or the link their firm
 * sent) and goes to its sign-in page. The last firm used on this browser is offered first.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { firmApiBase } from "../../../api/client";
import { FormAlert } from "../../../components/form-alert";
import { PublicPage } from "../../../components/public-page";
import { firmHome, firmSlugOf } from "../../../lib/firm-address";

const LAST_FIRM = "firmtime.lastFirm";
const schema = z.object({
  address: z.string().trim().min(1, "Enter your firm's address or short name").max(300),
});

/** "smith", "/f/smith", or "https://host/f/smith/sign-in" → "smith". */
export function slugFromAddress(address: string): string | null {
  const text = address.trim();
  if (/^[a-z0-9][a-z0-9-]{0,39}$/i.test(text)) return text.toLowerCase();
  try {
    return firmSlugOf(new URL(text, window.location.origin).pathname);
  } catch {
    return null;
  }
}

export function FirmFinderPage() {
  const [last] = useState(() => window.localStorage.getItem(LAST_FIRM));
  const form = useForm<z.infer<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { address: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async ({ address }) => {
    const slug = slugFromAddress(address);
    if (!slug) {
      form.setError("address", { message: "That is not a firm address: it looks like smith or …/f/smith" });
      return;
    }
    let found: Response;
    try {
      found = await fetch(`${firmApiBase(slug)}/auth/firm`, { credentials: "same-origin" });
    } catch {
      form.setError("root.server", { message: "The server could not be reached; check the connection." });
      return;
    }
    if (!found.ok) {
      form.setError("address", {
        message: `There is no firm at “${slug}”. Check the link your firm sent you.`,
      });
      return;
    }
    window.localStorage.setItem(LAST_FIRM, slug);
    window.location.assign(`${firmHome(slug)}sign-in`);
  });

  return (
    <PublicPage title="Find your firm">
      <Stack>
        {last ? (
          <Button component="a" href={`${firmHome(last)}sign-in`} variant="light" size="md">
            Continue to {last}
          </Button>
        ) : null}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack>
            <Text size="sm">Your firm's address is in the email that invited you, such as …/f/smith.</Text>
            <TextInput
              label="Firm address or short name"
              autoComplete="organization"
              autoCapitalize="none"
              autoFocus={!last}
              error={errors.address?.message}
              {...form.register("address")}
            />
            <FormAlert message={errors.root?.server?.message} />
            <Button type="submit" loading={isSubmitting} size="md" fullWidth>
              Continue
            </Button>
          </Stack>
        </form>
      </Stack>
    </PublicPage>
  );
}
