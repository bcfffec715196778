#!/usr/bin/env node
/**
 * Builds dist/: the server's JavaScript (tsc) and the web app (vite). With --if-changed it does
 * nothing when dist/ was built, completely, from exactly the sources there are now: `npm ci`
 * builds through `prepare`, and `npm test` then needs no second build of the same files (about
 * half a minute each time on CI's machine). The stamp of the sources is written only after a
 * whole build, and removed before one starts, so an interrupted build is never taken as done.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const stampPath = join(root, "dist", ".sources-sha256");
const INPUT_FOLDERS = ["src", "web"];
const INPUT_FILES = ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json"];

function* filesUnder(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** One hash of every source's path and content. */
function sourcesHash() {
  const paths = [
    ...INPUT_FOLDERS.flatMap((folder) => [...filesUnder(join(root, folder))]),
    ...INPUT_FILES.map((file) => join(root, file)).filter((path) => existsSync(path)),
  ].sort();
  const hash = createHash("sha256");
  for (const path of paths)
    hash
      .update(`${relative(root, path)}\0`)
      .update(readFileSync(path))
      .update("\0");
  return hash.digest("hex");
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const sources = sourcesHash();
if (process.argv.includes("--if-changed") && existsSync(stampPath)) {
  if (readFileSync(stampPath, "utf8").trim() === sources) {
    console.log("build: dist/ was built from these sources; not building again");
    process.exit(0);
  }
}
rmSync(stampPath, { force: true });
// Each tool's own script under this Node.js: no shell, the same on every platform.
const tool = (path) => join(root, "node_modules", ...path.split("/"));
// Emit only: `npm run check` type-checks the same sources (and the tests), as vite leaves the web
// app's types to it too. Checking here again cost about 17 s of CPU in every CI run; the output
// is the same byte for byte (isolatedModules: every file compiles on its own).
run(process.execPath, [tool("typescript/bin/tsc"), "-p", "tsconfig.build.json", "--noCheck"]);
run(process.execPath, [
  tool("vite/bin/vite.js"),
  "build",
  "--config",
  "web/vite.config.ts",
  "--logLevel",
  "warn",
]);
writeFileSync(stampPath, `${sources}\n`);
