/**
 * The web app's build: one single-page app, served by `firmtime serve` and `firmtime desktop`
 * from dist/web. Every script and style is a file of ours (the server's CSP allows nothing
 * else); the nonce placeholder below is replaced by the server with a fresh nonce per page.
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export const CSP_NONCE_PLACEHOLDER = "FIRMTIME_CSP_NONCE";

export default defineConfig({
  root: import.meta.dirname,
  base: "/assets/app/",
  plugins: [react()],
  html: { cspNonce: CSP_NONCE_PLACEHOLDER },
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    assetsDir: ".",
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
});
