/**
 * The look and the data layer every page shares. Style elements written by the UI library carry
 * the page's CSP nonce, which the server puts in <meta property="csp-nonce"> on every answer.
 */
import { Alert, createTheme, MantineProvider, type CSSVariablesResolver } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import type { ReactNode } from "react";
import { cspNonce } from "../lib/csp-nonce";

// Shades dark enough for WCAG AA contrast (4.5:1) of text on white and white on buttons.
const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 5 },
  // People who asked their system for less motion get no animations.
  respectReducedMotion: true,
  defaultRadius: "md",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  components: {
    // An alert's words in the text colour: green or yellow words on their own tint read poorly.
    Alert: Alert.extend({ vars: () => ({ root: { "--alert-color": "var(--mantine-color-text)" } }) }),
    // A loader is a status, which may be named ("Loading the week"): a bare span may not carry
    // aria-label (axe's aria-prohibited-attr).
    Loader: { defaultProps: { role: "status" } },
    // Phones: inputs at 16px so the browser does not zoom in on focus.
    TextInput: { defaultProps: { size: "md" } },
    PasswordInput: { defaultProps: { size: "md" } },
  },
});

const contrastingVariables: CSSVariablesResolver = (current) => ({
  variables: {},
  light: { "--mantine-color-dimmed": current.colors.gray[7], "--mantine-color-error": current.colors.red[8] },
  dark: {},
});

export function UiProviders({ children }: { children: ReactNode }) {
  return (
    <MantineProvider
      theme={theme}
      defaultColorScheme="light"
      getStyleNonce={cspNonce}
      cssVariablesResolver={contrastingVariables}
    >
      <Notifications position="top-center" />
      {children}
    </MantineProvider>
  );
}
