/**
 * The page a file request's email links to (/open-request?token=…): it opens the request at once,
 * without a password: the link works once, and the session it opens reaches that request only.
 * A contact with two-factor sign-in gives a code first. A spent or expired link says so and
 * offers the sign-in page, where a password still opens everything.
 */
import { Anchor, Button, Loader, Stack, Text } from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import { ApiProblem, problemText } from "../../../api/problem";
import { PublicPage } from "../../../components/public-page";
import { useOpenRequestLink } from "../api/auth-mutations";
import { useFirmName } from "../api/firm-name";
import { useLinkToken } from "./link-token";
import { RequiredEnrolment, SecondFactorForm } from "./sign-in-second-step";

type Challenge = { challenge: string; twoFactor: "code" | "enrol"; requestId: string };

export function OpenRequestPage() {
  const token = useLinkToken();
  const firm = useFirmName();
  const open = useOpenRequestLink();
  const navigate = useNavigate();
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const started = useRef(false);

  const goTo = (requestId: string) =>
    void navigate({ to: "/requests/$requestId", params: { requestId }, replace: true });

  useEffect(() => {
    // Once: the token works once, and React may run an effect twice while developing.
    if (started.current || !token) return;
    started.current = true;
    open.mutate(token, {
      onSuccess: (answer) => {
        if ("twoFactor" in answer) setChallenge(answer);
        else goTo(answer.requestId);
      },
    });
  }, [token]);

  const signInLink = (
    <Anchor component={Link} to="/sign-in" size="sm">
      Sign in with your password instead
    </Anchor>
  );

  if (challenge)
    return (
      <PublicPage
        title={challenge.twoFactor === "code" ? "Two-factor sign-in" : "Set up two-factor sign-in"}
        firmName={firm.data?.name}
        footer={signInLink}
      >
        {challenge.twoFactor === "code" ? (
          <SecondFactorForm challenge={challenge.challenge} onSignedIn={() => goTo(challenge.requestId)} />
        ) : (
          <RequiredEnrolment challenge={challenge.challenge} onSignedIn={() => goTo(challenge.requestId)} />
        )}
      </PublicPage>
    );

  const failure = !token
    ? "This address has no link in it. Open the link from your email again."
    : open.error instanceof ApiProblem && open.error.code === "LINK_INVALID"
      ? "This link has expired or was already used. Sign in with your password to see the request, or ask your firm to send a reminder."
      : open.error instanceof ApiProblem && open.error.status === 429
        ? problemText(open.error)
        : open.isError
          ? "The request could not be opened just now. Check your connection and try the link again."
          : null;

  return (
    <PublicPage title="Your documents request" firmName={firm.data?.name} footer={signInLink}>
      {failure ? (
        <Stack>
          <Text role="alert">{failure}</Text>
          <Button component={Link} to="/sign-in" size="md" fullWidth>
            Sign in
          </Button>
        </Stack>
      ) : (
        <Stack align="center" py="md">
          <Loader aria-hidden />
          <Text role="status">Opening the request…</Text>
        </Stack>
      )}
    </PublicPage>
  );
}
