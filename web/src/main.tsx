import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./app/app.css";
import { StrictMode, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { App, AppLoadFailed, loadApp } from "./app/app";
import { shareCspNonce } from "./lib/csp-nonce";

shareCspNonce();

const element = document.getElementById("root");
if (element) {
  const root = createRoot(element);
  const show = (page?: ReactNode) =>
    root.render(
      <StrictMode>
        <App page={page} />
      </StrictMode>,
    );
  // A loader while the app's own file downloads, then the app.
  show();
  loadApp(window.location.pathname).then(show, (error: unknown) => {
    console.error(error);
    show(<AppLoadFailed />);
  });
}
