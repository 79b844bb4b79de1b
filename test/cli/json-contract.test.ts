import * as fs from "fs";
import * as path from "path";
import { runCheck } from "../../policypack/cli/p2s-check";
import { GOLDEN, GOLDEN_INPUTS as fixtures } from "../helpers/golden-inputs";

/**
 * The JSON output of p2s-check is a contract: fields may be added, never renamed or dropped. Each
 * fixture's complete output is compared with a committed file; a change to the contract updates
 * the file in the same commit (UPDATE_GOLDEN=1 npx jest test/cli/json-contract rewrites them).
 */

describe("the JSON contract of p2s-check", () => {
  it.each(fixtures)("gives exactly the committed output for %s", async (name, args) => {
    const result = runCheck(["--format", "json", ...(await args())]);
    const got = JSON.parse(result.stdout) as unknown;
    const file = path.join(GOLDEN, `${name}.json`);
    if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(file, JSON.stringify(got, null, 2) + "\n");
    expect(got).toEqual(JSON.parse(fs.readFileSync(file, "utf8")));
  });
});
