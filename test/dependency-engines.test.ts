/**
 * Every package that `npm ci` installs must declare that it runs on each Node.js firmtime
 * supports: the lowest one package.json's `engines` admits, and the one running this test (CI runs
 * the suite on Node 20 and on Node 24). A package declaring a newer Node (cookie@2 and
 * content-disposition@3 declare `>=22`) may work by chance on Node 20 today and break in any patch
 * release. The remedy is an `overrides` entry in package.json pinning a compatible major (after
 * reading how its consumer calls it), or raising firmtime's own `engines` honestly.
 */
import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

interface Manifest {
  engines?: { node?: string };
}

interface LockedPackage extends Manifest {
  version?: string;
  dev?: boolean;
}

interface Lockfile {
  packages: Record<string, LockedPackage>;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as T;
}

/** The installed packages (lockfile paths such as `node_modules/a/node_modules/b`) whose declared `engines.node` excludes `nodeVersion`. */
function packagesExcluding(lock: Lockfile, nodeVersion: string): string[] {
  return Object.entries(lock.packages)
    .filter(([path]) => path !== "")
    .filter(([, pkg]) => {
      const range = pkg.engines?.node;
      // npm's own engine check (npm-install-checks) admits prereleases the same way.
      return range !== undefined && !semver.satisfies(nodeVersion, range, { includePrerelease: true });
    })
    .map(
      ([path, pkg]) =>
        `${path}@${pkg.version ?? "?"} (${pkg.dev ? "dev" : "runtime"}) needs node ${pkg.engines?.node}`,
    );
}

describe("installed dependencies' engines", () => {
  const lock = readJson<Lockfile>("../package-lock.json");
  const ownRange = readJson<Manifest>("../package.json").engines?.node;

  it("admit the lowest Node.js that firmtime's engines admit", () => {
    expect(ownRange).toBeDefined();
    const lowest = semver.minVersion(ownRange ?? "")?.version;
    expect(lowest).toBeDefined();
    expect(packagesExcluding(lock, lowest ?? "")).toEqual([]);
  });

  it("admit the Node.js running the tests", () => {
    expect(semver.satisfies(process.versions.node, ownRange ?? "")).toBe(true);
    expect(packagesExcluding(lock, process.versions.node)).toEqual([]);
  });
});
