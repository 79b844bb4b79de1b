import fc from "fast-check";
import { runCheck } from "../../policypack/cli/p2s-check";
import { configProblem } from "../../policypack/cli/validate-config";
import { matchesStack } from "../../policypack/topology/stack-pattern";
import { InProcessPack } from "../helpers/in-process-pack";
import { recorded } from "../helpers/recordings";
import { toAnalyzerInputs } from "../../offline/registration";
import { analyzerInputToRaw } from "../../offline/analyzer-client";
import { analyzeResources } from "../../policypack/pipeline/stack-analysis";
import { buildReport } from "../../policypack/report/report-model";
import { exportFile, writeJson } from "../helpers/stack-files";

const intentsWith = (intent: Record<string, unknown>) => ({
  "p2s-intended-access": { intents: [{ gateway: "*", reach: ["app"], ...intent }] },
});

/** The minimised cases that hung or failed before patterns were matched without backtracking. */
const BACKTRACKING = [
  { pattern: "*a*a*a*a*a*a*a*a*a*a*a*a*!", stack: `${"a".repeat(30)}/${"a".repeat(40)}` },
  { pattern: `network/${"*".repeat(30)}x`, stack: `network/${"prod".repeat(20)}` },
];

describe("stack patterns", () => {
  it.each([
    ["network/*", "network/prod", true],
    ["network/*", "NETWORK/Prod", true],
    ["*/prod", "network/prod", true],
    ["net*rk/p*d", "network/prod", true],
    ["network/*", "network", false],
    ["network/prod", "network/prod2", false],
    ["*", "", true],
    ["", "", true],
    ["a*b*c", "aXbYc", true],
    ["a*b*c", "aXbYcZ", false],
    ["**", "anything", true],
    ["network/.*", "network/prod", false],
    ["network/(prod)", "network/(prod)", true],
  ])("%s matches %s: %s", (pattern, stack, expected) => {
    expect(matchesStack(pattern, stack)).toBe(expected);
  });

  it.each(BACKTRACKING)("answers $pattern against a long stack name at once (no backtracking)", ({ pattern, stack }) => {
    expect(matchesStack(pattern, stack)).toBe(false);
  });

  it("answers patterns of 50,000 characters, and of 50,000 stars, without a stack overflow", () => {
    expect(matchesStack("a".repeat(50_000), "network/prod")).toBe(false);
    expect(matchesStack("*".repeat(50_000), "network/prod")).toBe(true);
  });
});

describe("a policy configuration is valid and fast, or refused with one line", () => {
  it.each([
    [
      "a pattern of 50,000 characters",
      intentsWith({ stacks: ["a".repeat(50_000)] }),
      "p2s-check: policy configuration CONFIG p2s-intended-access.intents[0].stacks[0] must NOT have more than 256 characters",
    ],
    [
      "a pattern of 50,000 stars",
      intentsWith({ stacks: ["*".repeat(50_000)] }),
      "p2s-check: policy configuration CONFIG p2s-intended-access.intents[0].stacks[0] must NOT have more than 256 characters",
    ],
    [
      "reach nested 10,000 levels deep",
      `{"p2s-intended-access":{"intents":[{"gateway":"*","reach":${"[".repeat(10_000)}${"]".repeat(10_000)}}]}}`,
      "p2s-check: policy configuration CONFIG p2s-intended-access.intents[0].reach[0] is an array; expected a string",
    ],
    [
      "an unknown key of 50,000 characters",
      intentsWith({ ["k".repeat(50_000)]: 1 }),
      `p2s-check: policy configuration CONFIG p2s-intended-access.intents[0] has the unknown key "${"k".repeat(60)}…"; expected gateway, platforms, reach, deny, stacks, pools`,
    ],
    [
      "a port above 65535",
      intentsWith({ reach: ["vnet2", "app:70000"] }),
      'p2s-check: policy configuration CONFIG p2s-intended-access.intents[0].reach[1] is "app:70000": port 70000 is above 65535',
    ],
    [
      "a protocol that is not tcp, udp or icmp, in deny",
      intentsWith({ deny: [`${"p".repeat(200)}:443/sctp`] }),
      `p2s-check: policy configuration CONFIG p2s-intended-access.intents[0].deny[0] is "${"p".repeat(60)}…": protocol sctp is not tcp, udp or icmp`,
    ],
    [
      "1,001 pools",
      intentsWith({ pools: Array.from({ length: 1001 }, () => "172.16.0.0/24") }),
      "p2s-check: policy configuration CONFIG p2s-intended-access.intents[0].pools must NOT have more than 1000 items",
    ],
    [
      "2,000 intents",
      { "p2s-intended-access": { intents: Array.from({ length: 2000 }, () => ({ gateway: "*" })) } },
      "p2s-check: policy configuration CONFIG p2s-intended-access.intents must NOT have more than 1000 items",
    ],
  ])("%s: exit 2 with one line", async (_, config, expected) => {
    const file = writeJson(config, "limits");
    const result = runCheck(["--config", file, await exportFile("hub")]);
    expect({ code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({
      code: 2,
      stderr: expected.replace("CONFIG", file),
      stdout: "",
    });
  });

  it.each(BACKTRACKING)("p2s-check answers the valid pattern $pattern", async ({ pattern }) => {
    const result = runCheck([
      "--format",
      "json",
      "--config",
      writeJson(intentsWith({ stacks: [pattern] }), "pattern"),
      await exportFile("hub"),
    ]);
    expect(result.code).toBe(0);
  });

  it("the pack answers over the protocol whatever patterns reach it (a policy group may hold what the CLI's schema would refuse)", async () => {
    const session = new InProcessPack();
    session.configure(intentsWith({ stacks: [...BACKTRACKING.map((b) => b.pattern), "a".repeat(50_000), "*".repeat(50_000)] }));
    const diagnostics = await session.diagnostics(toAnalyzerInputs(recorded("hub", "preview")));
    expect(diagnostics.filter((d) => d.policyName === "p2s-intended-access")).toEqual([]);
  });

  const hub = analyzeResources(toAnalyzerInputs(recorded("hub", "preview")).map(analyzerInputToRaw));

  it("never throws and always explains in one short line, for any value anywhere in a configuration, and analyses with any it accepts (fuzz)", () => {
    const leaf = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom("*", "mandatory", "windows", "hub-gw", "network/*", "app:443", "app:70000", "fd00::/64:443/udp", "a\nb:80,x"),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(
          fc.constantFrom("gateway", "reach", "deny", "stacks", "pools", "platforms", "intents", "enforcementLevel", "x"),
          tie("node"),
          {
            maxKeys: 4,
          },
        ),
      ),
    })).node;
    const config = fc.dictionary(fc.constantFrom("p2s-intended-access", "p2s-client-protocols", "all", "p2s-nope"), value, { maxKeys: 3 });
    fc.assert(
      fc.property(fc.oneof(config, value), (c) => {
        const problem = configProblem(c);
        if (problem !== undefined) {
          expect(problem).not.toMatch(/[\n\r]/);
          expect(problem.length).toBeLessThan(400);
        } else buildReport(hub, c as Record<string, unknown>);
      }),
      { numRuns: 500, interruptAfterTimeLimit: 10_000 },
    );
  });
});
