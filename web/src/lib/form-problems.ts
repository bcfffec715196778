/**
 * Puts the server's answer to a form where the person looks: beside the field it is about, or
 * above the buttons when it is about the form as a whole (react-hook-form's `root.server`).
 */
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ApiProblem, problemField, problemText } from "../api/problem";

export function showProblem<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  words: (problem: ApiProblem) => string | null = () => null,
): void {
  const own = error instanceof ApiProblem ? words(error) : null;
  // A session that ended under the form is the sign-in prompt's to explain, not the form's.
  if (!own && error instanceof ApiProblem && error.status === 401) return;
  const message = own || problemText(error);
  const field = error instanceof ApiProblem ? problemField(error, fields) : null;
  if (field) setError(field as Path<T>, { type: "server", message }, { shouldFocus: true });
  else setError("root.server", { type: "server", message });
}
