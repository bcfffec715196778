/**
 * Sending a file to the firm's API with the share sent so far (a phone's photo on a slow
 * connection takes a while; fetch cannot tell upload progress, XMLHttpRequest can). The session's
 * CSRF token goes with it as with every change; the server's refusal comes back as an ApiProblem.
 */
import { firmApiBase } from "../api/client";
import { ApiProblem } from "../api/problem";
import type { BrowserSession } from "../api/session";

export interface UploadProgress {
  sent: number;
  total: number;
}

export function uploadFile<T>(
  session: BrowserSession,
  path: string,
  file: File,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `${firmApiBase(session.firmSlug)}${path}`);
    request.withCredentials = true;
    request.setRequestHeader("accept", "application/json");
    if (session.csrfToken) request.setRequestHeader("x-csrf-token", session.csrfToken);
    request.upload.onprogress = (event) =>
      onProgress({ sent: event.loaded, total: event.total || file.size });
    request.onload = () => {
      let body: unknown = null;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        // not JSON: the status alone speaks
      }
      if (request.status >= 200 && request.status < 300) return resolve(body as T);
      if (request.status === 401) session.ended();
      reject(
        new ApiProblem(
          request.status,
          body && typeof body === "object" ? (body as Record<string, unknown>) : {},
        ),
      );
    };
    request.onerror = () => reject(ApiProblem.offline());
    request.onabort = () => reject(new DOMException("The upload was cancelled", "AbortError"));
    signal?.addEventListener("abort", () => request.abort(), { once: true });
    const form = new FormData();
    form.append("file", file, file.name);
    request.send(form);
  });
}
