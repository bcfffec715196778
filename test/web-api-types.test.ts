/**
 * The web app is typed from the server's own OpenAPI document: web/src/api/schema.d.ts must be
 * what openapi-typescript makes of the document today, so a route changed without regenerating
 * fails here. `npm run api-types` (UPDATE_API_TYPES=1) writes the file instead of comparing.
 *
 * The firm routes are written relative to the firm's API (/f/{firm}/api/v1 and its `firm` path
 * parameter taken off), because the web app's client is made for one firm at a time.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { expect, it } from "vitest";
import { useTestServer } from "../src/test-support/server.js";

const TYPES_FILE = join(import.meta.dirname, "..", "web", "src", "api", "schema.d.ts");
const FIRM_PREFIX = "/f/{firm}/api/v1";

type Document = { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };

function firmRelative(document: Document): Document {
  const paths: Document["paths"] = {};
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!path.startsWith(FIRM_PREFIX)) continue;
    const relative: Document["paths"][string] = {};
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = operation.parameters?.filter((p) => !(p.in === "path" && p.name === "firm"));
      relative[method] = { ...operation, parameters };
    }
    paths[path.slice(FIRM_PREFIX.length) || "/"] = relative;
  }
  return { ...document, paths };
}

const server = useTestServer("sqlite");

it("web/src/api/schema.d.ts matches the server's OpenAPI document", async () => {
  const document = firmRelative(server.app.swagger() as unknown as Document);
  const generated =
    "// Generated from the server's OpenAPI document by `npm run api-types`: do not edit.\n" +
    astToString(await openapiTS(document as never, { alphabetize: true }));
  if (process.env.UPDATE_API_TYPES === "1") writeFileSync(TYPES_FILE, generated);
  const committed = readFileSync(TYPES_FILE, "utf8");
  expect(committed, "web/src/api/schema.d.ts is stale: run `npm run api-types`").toBe(generated);
});
