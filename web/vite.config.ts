/**
 * The web app's build: one single-page app, served by `firmtime serve` and `firmtime desktop`
 * from dist/web. Every script and style is a file of ours (the server's CSP allows nothing
 * else); the nonce placeholder below is replaced by the server with a fresh nonce per page.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

export const CSP_NONCE_PLACEHOLDER = "FIRMTIME_CSP_NONCE";

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every script, style and SVG, compressed once
 * at build at the highest levels, so the server sends a phone the smallest file without
 * compressing on each request (@fastify/static's preCompressed in src/server/web-app.ts).
 */
function precompress(): Plugin {
  let outDir = "";
  return {
    name: "firmtime-precompress",
    apply: "build",
    configResolved: (config) => void (outDir = resolve(config.root, config.build.outDir)),
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => /\.(js|css|svg)$/.test(name));
      for (const name of files) {
        const path = join(outDir, name);
        const body = await readFile(path);
        await writeFile(
          `${path}.br`,
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        await writeFile(`${path}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: "/assets/app/",
  plugins: [react(), precompress()],
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
