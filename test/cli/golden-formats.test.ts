import * as fs from "fs";
import * as path from "path";
import { runCheck } from "../../policypack/cli/p2s-check";
import { GOLDEN, GOLDEN_INPUTS as fixtures } from "../helpers/golden-inputs";

/**
 * Beside the JSON contract (json-contract.test.ts), the text, Markdown and SARIF reports of the same
 * five inputs are compared, whole, with committed files: a change to what a reader sees shows in the
 * diff of a pull request. UPDATE_GOLDEN=1 npx jest test/cli/golden-formats rewrites them.
 */

/** Each format and the extension of its golden files. */
const formats: [string, string][] = [
  ["text", "txt"],
  ["markdown", "md"],
  ["sarif", "sarif.json"],
];

const cases = fixtures.flatMap(([name, args]) => formats.map(([format, extension]) => [format, name, extension, args] as const));

describe("the text, Markdown and SARIF reports of p2s-check", () => {
  it.each(cases)("gives exactly the committed %s report for %s", async (format, name, extension, args) => {
    const result = runCheck(["--format", format, ...(await args())]);
    const got = result.stdout + "\n";
    const file = path.join(GOLDEN, `${name}.${extension}`);
    if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(file, got);
    expect(got).toBe(fs.readFileSync(file, "utf8"));
  });
});
