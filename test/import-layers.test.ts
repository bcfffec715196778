/**
 * The code's floors, checked from its import statements: no file imports, directly or through
 * others, a file that imports it back (an import circle ties every file in it together); the
 * shared HTTP floor (src/http) and the configuration (src/config) import no capability's routes;
 * and no capability imports the assembly in src/server, which sits on top and imports them all.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..", "src");

/** Every product file (tests, test support and benchmarks left out) → the product files it imports. */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(SRC, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .filter((file) => !file.startsWith("test-support/"))
    .map((file) => file.split("\\").join("/"));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(SRC, file), "utf8");
    const targets = [...text.matchAll(/(?:from|import\()\s*"(\.{1,2}\/[^"]+)\.js"/g)]
      .map((match) =>
        normalize(join(dirname(file), `${match[1]}.ts`))
          .split("\\")
          .join("/"),
      )
      .filter((target) => known.has(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Tarjan's strongly connected components with more than one file: the import circles. */
function importCircles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let next = 0;
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const circle: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        circle.push(member);
      } while (member !== file);
      if (circle.length > 1) circles.push(circle.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return circles;
}

const capabilityOf = (file: string) => file.split("/")[0]!;

describe("the code's floors", () => {
  const graph = importGraph();

  it("has no import circle", () => {
    expect(importCircles(graph)).toEqual([]);
  });

  it("keeps the HTTP floor and the configuration below every capability's routes", () => {
    // The floor may name the records and services its types speak of, never a routes file or
    // the assembly: with no circle (above), nothing it imports can import it back.
    const upward = [...graph].flatMap(([file, targets]) =>
      ["http", "config"].includes(capabilityOf(file))
        ? targets
            .filter(
              (target) => target.endsWith("-routes.ts") || ["server", "cli"].includes(capabilityOf(target)),
            )
            .map((target) => `${file} → ${target}`)
        : [],
    );
    expect(upward).toEqual([]);
  });

  it("lets no capability import the server assembly", () => {
    const intoAssembly = [...graph].flatMap(([file, targets]) =>
      ["server", "cli", "bench", "demo"].includes(capabilityOf(file))
        ? []
        : targets
            .filter((target) => capabilityOf(target) === "server")
            .map((target) => `${file} → ${target}`),
    );
    expect(intoAssembly).toEqual([]);
  });

  it("finds the files it checks", () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(relative(SRC, join(SRC, "http", "problem.ts"))).toBe(join("http", "problem.ts"));
    expect(graph.get("server/route-modules.ts")).toContain("firm-setup/client-routes.ts");
  });
});
