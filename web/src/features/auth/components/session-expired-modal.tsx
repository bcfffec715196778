/**
 * When the session ends under a page (idle timeout, signed out elsewhere), the page stays as it
 * was, unsaved input included, and this asks for the password again. After it, the person
 * saves what they were doing as if nothing had happened.
 */
import { Button, Modal, PasswordInput, Stack, Text } from "@mantine/core";
import { useSyncExternalStore } from "react";
import { useForm } from "react-hook-form";
import { FormAlert } from "../../../components/form-alert";
import { firmHome } from "../../../lib/firm-address";
import { useFirm } from "../../../lib/firm-context";
import { showProblem } from "../../../lib/form-problems";
import { useSignIn } from "../api/auth-mutations";
import { useMe } from "../../../lib/me";

export function SessionExpiredModal() {
  const { session, slug } = useFirm();
  const expired = useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.hasExpired,
  );
  const me = useMe();
  const signIn = useSignIn();
  const form = useForm<{ password: string }>({ defaultValues: { password: "" } });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async ({ password }) => {
    if (!password) {
      form.setError("password", { message: "Enter your password" });
      return;
    }
    try {
      await signIn.mutateAsync({ email: me?.email ?? "", password });
      form.reset();
    } catch (error) {
      showProblem(error, form.setError, ["password"], (problem) =>
        problem.status === 401 ? "That password is not right." : null,
      );
    }
  });
  if (!me) return null;
  return (
    <Modal
      opened={expired}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title="Your session has ended"
      centered
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Text size="sm">
            Sign in again as {me.email} to carry on. What you typed on this page is kept: save it after
            signing in.
          </Text>
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            data-autofocus
            error={errors.password?.message}
            {...form.register("password")}
          />
          <FormAlert message={errors.root?.server?.message} />
          <Button type="submit" loading={isSubmitting}>
            Sign in again
          </Button>
          <Button component="a" href={`${firmHome(slug)}sign-in`} variant="subtle" color="gray">
            Sign in as someone else
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
