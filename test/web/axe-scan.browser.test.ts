/**
 * The accessibility scan every page test relies on must fail when a page has a serious problem:
 * otherwise each "no serious problem" in the other browser tests would prove nothing. It also
 * scans what the page shows after a change without a reload (axe stays in the document).
 */
import { describe, expect, it } from "vitest";
import { expectAccessible, openPage } from "../../src/test-support/browser.js";

describe("the accessibility scan", () => {
  it("passes a plain page and fails on a button without a name, added later without a reload", async () => {
    const test = await openPage("phone");
    await test.page.setContent(
      `<!doctype html><html lang="en"><head><title>Plain</title></head>
       <body><main><h1>Plain</h1><p>Words.</p></main></body></html>`,
    );
    await expectAccessible(test, "a plain page");
    await test.page.evaluate(
      `document.querySelector("main").insertAdjacentHTML("beforeend", "<button></button>")`,
    );
    await expect(expectAccessible(test, "a nameless button")).rejects.toMatchObject({
      actual: [expect.stringMatching(/^button-name \(critical\)/)],
    });
    await test.context.close();
  });
});
