/**
 * What every page reaches: the firm's address, its API client, the browser's session and the
 * data cache. Given once by the firm app (app/firm-app.tsx) to the router and to React.
 */
import type { QueryClient } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import type { FirmApi } from "../api/client";
import type { BrowserSession } from "../api/session";

export interface FirmContext {
  slug: string;
  session: BrowserSession;
  api: FirmApi;
  queryClient: QueryClient;
}

export const FirmContextValue = createContext<FirmContext | null>(null);

export function useFirm(): FirmContext {
  const context = useContext(FirmContextValue);
  if (!context) throw new Error("useFirm outside a firm's app");
  return context;
}
