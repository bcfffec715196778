/** One firm's app: its API client, its session, its data cache and its pages. */
import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { useState } from "react";
import { createFirmApi } from "../api/client";
import { ApiProblem } from "../api/problem";
import { BrowserSession } from "../api/session";
import { FirmContextValue } from "../lib/firm-context";
import { createFirmRouter } from "./router";

function retryUnlessAnswered(failures: number, error: unknown): boolean {
  // A problem the server answered (4xx) will answer the same again; a lost connection may not.
  if (error instanceof ApiProblem && error.status >= 400 && error.status < 500) return false;
  return failures < 2;
}

export function FirmApp({ slug }: { slug: string }) {
  const [app] = useState(() => {
    const session = new BrowserSession(slug);
    const api = createFirmApi(session);
    const queryClient = new QueryClient({
      queryCache: new QueryCache(),
      defaultOptions: {
        queries: { retry: retryUnlessAnswered, staleTime: 30_000, refetchOnWindowFocus: false },
        mutations: { retry: false },
      },
    });
    const router = createFirmRouter({ slug, session, api, queryClient });
    return { queryClient, router, context: { slug, session, api, queryClient } };
  });
  return (
    <FirmContextValue.Provider value={app.context}>
      <QueryClientProvider client={app.queryClient}>
        <RouterProvider router={app.router} />
      </QueryClientProvider>
    </FirmContextValue.Provider>
  );
}
