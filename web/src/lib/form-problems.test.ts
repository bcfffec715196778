import { describe, expect, it } from "vitest";
import { ApiProblem } from "../api/problem";
import { showProblem } from "./form-problems";

/** Where showProblem put the server's words: the field's name and the message. */
function placed(problem: ApiProblem, fields: string[]): [string, string | undefined] {
  const calls: [string, string | undefined][] = [];
  showProblem(problem, (name, error) => void calls.push([name, error.message]), fields);
  expect(calls).toHaveLength(1);
  return calls[0]!;
}

const REQUEST_FIELDS = ["recipients", "subject", "items", "everyDays", "items.0.title", "items.2.title"];

describe("a server problem beside the field it names", () => {
  it("puts a list item's problem beside that item (details.field items.2.title)", () => {
    const problem = new ApiProblem(400, {
      code: "VALIDATION",
      detail: "item 3 needs a title",
      field: "items.2.title",
    });
    expect(placed(problem, REQUEST_FIELDS)).toEqual(["items.2.title", "Item 3 needs a title"]);
  });
  it("reads a schema issue's path the same way, with or without body.", () => {
    const issues = [
      { path: "body.items.0.title", message: "Too small: expected string to have >=1 characters" },
    ];
    expect(placed(new ApiProblem(400, { code: "VALIDATION", issues }), REQUEST_FIELDS)[0]).toBe(
      "items.0.title",
    );
    const nested = [{ path: "reminders.everyDays", message: "Too big" }];
    expect(placed(new ApiProblem(400, { code: "VALIDATION", issues: nested }), REQUEST_FIELDS)[0]).toBe(
      "everyDays",
    );
  });
  it("falls back to the nearest field the form has, then to the form as a whole", () => {
    const attached = new ApiProblem(404, {
      code: "NOT_FOUND",
      detail: "no such file",
      field: "items.1.fileId",
    });
    expect(placed(attached, REQUEST_FIELDS)[0]).toBe("items");
    const recipient = new ApiProblem(400, {
      code: "VALIDATION",
      detail: "cannot see ACME",
      field: "recipients",
    });
    expect(placed(recipient, REQUEST_FIELDS)).toEqual(["recipients", "Cannot see ACME"]);
    const other = new ApiProblem(409, { code: "CONFLICT", detail: "changed meanwhile" });
    expect(placed(other, REQUEST_FIELDS)[0]).toBe("root.server");
  });
});
