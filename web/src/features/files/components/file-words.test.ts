import { describe, expect, it } from "vitest";
import type { Folder } from "../api/file-types";
import { folderOptions, folderPath } from "./file-words";

const folder = (id: string, name: string, parentId: string | null = null): Folder => ({
  id,
  clientId: "c",
  parentId,
  name,
  createdAt: "2026-12-05T10:00:00Z",
  updatedAt: "2026-12-05T10:00:00Z",
});

const folders = [
  folder("b", "Taxes"),
  folder("c", "2026", "b"),
  folder("a", "Payroll"),
  folder("d", "Q4", "c"),
];

describe("folders as people read them", () => {
  it("names a folder by its place among its parents", () => {
    expect(folderPath(folders, "d")).toBe("Taxes / 2026 / Q4");
    expect(folderPath(folders, "a")).toBe("Payroll");
  });

  it("says nothing for a file in no folder, or a folder the list does not hold", () => {
    expect(folderPath(folders, null)).toBe("");
    expect(folderPath(folders, "gone")).toBe("");
  });

  it("stops on a parent cycle instead of hanging (the server forbids them; the page must not freeze)", () => {
    const looped = [folder("x", "One", "y"), folder("y", "Two", "x")];
    expect(folderPath(looped, "x").split(" / ").length).toBeLessThanOrEqual(20);
  });

  it("offers every folder with its path, in path order", () => {
    expect(folderOptions(folders).map((option) => option.label)).toEqual([
      "Payroll",
      "Taxes",
      "Taxes / 2026",
      "Taxes / 2026 / Q4",
    ]);
  });
});
