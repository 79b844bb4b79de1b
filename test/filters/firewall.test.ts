import fc from "fast-check";
import { describeFlows } from "../../policypack/filters/describe-flows";
import type { FirewallEvaluationInput, FirewallFlowPart } from "../../policypack/filters/firewall";
import { evaluateFirewall, firewallRuleText } from "../../policypack/filters/firewall";
import { ALL_PORTS, FlowSet, PROTOCOLS } from "../../policypack/filters/flow-set";
import type { FirewallRule, FirewallRuleCollection } from "../../policypack/topology/firewall-rules";
import { parseCidr } from "../../policypack/topology/cidr";

function rule(name: string, changes: Partial<FirewallRule> = {}): FirewallRule {
  return {
    name,
    protocols: ["TCP"],
    sources: ["172.16.201.0/24"],
    sourceGroups: [],
    destinations: ["10.1.1.0/24"],
    destinationGroups: [],
    destinationFqdns: [],
    destinationPorts: ["443"],
    ...changes,
  };
}

function collection(
  name: string,
  priority: number,
  rules: FirewallRule[],
  changes: Partial<FirewallRuleCollection> = {},
): FirewallRuleCollection {
  return { name, kind: "network", groupPriority: 100, group: "net", priority, action: "allow", rules, ...changes };
}

/** The compliant baseline: a network collection lets the pool reach the spoke on TCP 443, and the default denies the rest. */
const NET_ALLOW = collection("net-allow", 200, [rule("allow-https")]);
const BASELINE: FirewallEvaluationInput = {
  pools: ["172.16.201.0/24"],
  destination: ["10.1.1.0/24"],
  firewall: { name: "fw-hub", rules: { collections: [NET_ALLOW] } },
};

function withCollections(collections: FirewallRuleCollection[], changes: Partial<FirewallEvaluationInput> = {}): FirewallEvaluationInput {
  return { ...BASELINE, firewall: { name: "fw-hub", rules: { collections } }, ...changes };
}

/** Each part as [verdict, deciding rule, why (when given), flows]: a failure prints the whole partition. */
function parts(input: FirewallEvaluationInput): (string | string[])[][] {
  return evaluateFirewall(input).map((p: FirewallFlowPart) => [
    p.verdict,
    firewallRuleText(p.rule),
    ...(p.verdict !== "allowed" && p.why !== undefined ? [p.why] : []),
    p.flows.toStrings(),
  ]);
}

function described(input: FirewallEvaluationInput): string {
  return describeFlows(evaluateFirewall(input), firewallRuleText);
}

const ALLOW_HTTPS = "fw-hub rule allow-https in collection net-allow (priority 200) of group net";
const DEFAULT = "the default of fw-hub";
const DEFAULT_WHY = "no rule of fw-hub allows it; a firewall denies by default";
const ALLOWED_HTTPS = ["allowed", ALLOW_HTTPS, ["tcp 172.16.201.0/24 443"]];
const REST = ["tcp 172.16.201.0/24 0-442,444-65535", "udp 172.16.201.0/24 0-65535", "icmp 172.16.201.0/24"];
const EVERYTHING = ["tcp 172.16.201.0/24 0-65535", "udp 172.16.201.0/24 0-65535", "icmp 172.16.201.0/24"];
const APPLICATION_WHY = "is an application rule: application rules filter by name, which the pack does not evaluate";

describe("Azure Firewall evaluation for P2S pools (spec F5)", () => {
  it("allows the pool to TCP 443 of the spoke and denies everything else by default in the baseline", () => {
    expect(parts(BASELINE)).toEqual([ALLOWED_HTTPS, ["denied", DEFAULT, DEFAULT_WHY, REST]]);
    expect(described(BASELINE)).toBe(`TCP 443 from every pool; everything else denied by ${DEFAULT}: ${DEFAULT_WHY}`);
  });

  it("lets a deny collection with a lower priority number win over the allow collection", () => {
    const deny = collection("net-deny", 100, [rule("deny-https", { sources: ["*"] })], { action: "deny" });
    expect(parts(withCollections([NET_ALLOW, deny]))).toEqual([
      ["denied", "fw-hub rule deny-https in collection net-deny (priority 100) of group net", ["tcp 172.16.201.0/24 443"]],
      ["denied", DEFAULT, DEFAULT_WHY, REST],
    ]);
  });

  it("orders by group priority before collection priority", () => {
    const denyRule = [rule("deny-https", { sources: ["*"] })];
    const laterGroup = collection("net-deny", 100, denyRule, { action: "deny", group: "late", groupPriority: 300 });
    expect(parts(withCollections([laterGroup, NET_ALLOW]))).toEqual([ALLOWED_HTTPS, ["denied", DEFAULT, DEFAULT_WHY, REST]]);
    const earlierGroup = collection("net-deny", 900, denyRule, { action: "deny", group: "early", groupPriority: 50 });
    expect(parts(withCollections([NET_ALLOW, earlierGroup]))).toEqual([
      ["denied", "fw-hub rule deny-https in collection net-deny (priority 900) of group early", ["tcp 172.16.201.0/24 443"]],
      ["denied", DEFAULT, DEFAULT_WHY, REST],
    ]);
  });

  it("evaluates network collections before application collections whatever their priorities", () => {
    const app = collection(
      "app-deny",
      100,
      [rule("deny-web", { protocols: ["Https:443"], destinations: [], destinationFqdns: ["*.example.com"] })],
      {
        kind: "application",
        action: "deny",
        groupPriority: 50,
        group: "app",
      },
    );
    expect(parts(withCollections([app, NET_ALLOW]))).toEqual([ALLOWED_HTTPS, ["denied", DEFAULT, DEFAULT_WHY, REST]]);
  });

  it("skips DNAT collections, which translate traffic to the firewall's own address and never match a flow to a spoke", () => {
    const dnat = collection(
      "dnat-all",
      100,
      [rule("dnat-any", { protocols: ["Any"], sources: ["*"], destinations: ["*"], destinationPorts: ["*"] })],
      {
        kind: "dnat",
        action: "dnat",
        groupPriority: 10,
      },
    );
    expect(parts(withCollections([dnat, NET_ALLOW]))).toEqual(parts(BASELINE));
  });

  it("leaves the TCP ports of an application rule not checked", () => {
    const app = collection(
      "app-allow",
      300,
      [rule("allow-web", { protocols: ["Http", "Https:8443"], destinations: [], destinationFqdns: ["intranet.contoso.com"] })],
      {
        kind: "application",
      },
    );
    const input = withCollections([NET_ALLOW, app]);
    expect(parts(input)).toEqual([
      ALLOWED_HTTPS,
      [
        "not checked",
        "fw-hub rule allow-web in collection app-allow (priority 300) of group net",
        APPLICATION_WHY,
        ["tcp 172.16.201.0/24 80,8443"],
      ],
      [
        "denied",
        DEFAULT,
        DEFAULT_WHY,
        ["tcp 172.16.201.0/24 0-79,81-442,444-8442,8444-65535", "udp 172.16.201.0/24 0-65535", "icmp 172.16.201.0/24"],
      ],
    ]);
    expect(described(input)).toBe(
      `TCP 443 from every pool; TCP 80,8443 from every pool not checked: fw-hub rule allow-web in collection app-allow (priority 300) of group net ${APPLICATION_WHY}; everything else denied by ${DEFAULT}: ${DEFAULT_WHY}`,
    );
  });

  it("leaves what a rule with a source IP group may match not checked", () => {
    const groups = collection("net-ssh", 100, [rule("allow-ssh", { sources: [], sourceGroups: ["ipg-admins"], destinationPorts: ["22"] })]);
    expect(parts(withCollections([NET_ALLOW, groups]))).toEqual([
      ALLOWED_HTTPS,
      [
        "not checked",
        "fw-hub rule allow-ssh in collection net-ssh (priority 100) of group net",
        "has source IP groups ipg-admins, which the pack does not read",
        ["tcp 172.16.201.0/24 22"],
      ],
      [
        "denied",
        DEFAULT,
        DEFAULT_WHY,
        ["tcp 172.16.201.0/24 0-21,23-442,444-65535", "udp 172.16.201.0/24 0-65535", "icmp 172.16.201.0/24"],
      ],
    ]);
  });

  it("leaves what a rule to an FQDN may match not checked", () => {
    const fqdn = collection("net-sql", 300, [
      rule("allow-sql", { destinations: [], destinationFqdns: ["sql.contoso.internal"], destinationPorts: ["1433"] }),
    ]);
    expect(parts(withCollections([NET_ALLOW, fqdn])).slice(0, 2)).toEqual([
      ALLOWED_HTTPS,
      [
        "not checked",
        "fw-hub rule allow-sql in collection net-sql (priority 300) of group net",
        "has destination FQDNs sql.contoso.internal, which the pack does not resolve",
        ["tcp 172.16.201.0/24 1433"],
      ],
    ]);
  });

  it("leaves a rule covering part of the subnet not checked and ignores one for another subnet", () => {
    const half = collection("net-rdp", 300, [
      rule("allow-other-subnet", { destinations: ["10.1.2.0/24"], destinationPorts: ["22"] }),
      rule("allow-half-subnet", { destinations: ["10.1.1.0/25"], destinationPorts: ["3389"] }),
    ]);
    expect(parts(withCollections([NET_ALLOW, half])).slice(0, 2)).toEqual([
      ALLOWED_HTTPS,
      [
        "not checked",
        "fw-hub rule allow-half-subnet in collection net-rdp (priority 300) of group net",
        "has destinations 10.1.1.0/25, which cover only part of the subnet",
        ["tcp 172.16.201.0/24 3389"],
      ],
    ]);
  });

  it("leaves a rule to a service tag not checked", () => {
    const tag = collection("net-tag", 300, [rule("allow-tag", { destinations: ["AzureCloud"], destinationPorts: ["22"] })]);
    expect(parts(withCollections([NET_ALLOW, tag]))[1]).toEqual([
      "not checked",
      "fw-hub rule allow-tag in collection net-tag (priority 300) of group net",
      "has destination service tag AzureCloud, whose addresses the pack does not know",
      ["tcp 172.16.201.0/24 22"],
    ]);
  });

  it("denies by the firewall's default when no rule matches", () => {
    const elsewhere = collection("net-other", 100, [rule("allow-other", { sources: ["192.168.0.0/16"] })]);
    expect(parts(withCollections([elsewhere]))).toEqual([["denied", DEFAULT, DEFAULT_WHY, EVERYTHING]]);
    expect(parts(withCollections([]))).toEqual([["denied", DEFAULT, DEFAULT_WHY, EVERYTHING]]);
    expect(described(withCollections([]))).toBe(`everything denied by ${DEFAULT}: ${DEFAULT_WHY}`);
  });

  it("leaves everything not checked when the firewall's rules are not declared", () => {
    const input = { ...BASELINE, firewall: { name: "fw-hub", rules: { unknownBecause: "its firewall policy is not in the stack" } } };
    expect(parts(input)).toEqual([
      ["not checked", "fw-hub", "has no rules the pack can read: its firewall policy is not in the stack", EVERYTHING],
    ]);
    expect(described(input)).toBe(
      "TCP and UDP all ports from every pool not checked: fw-hub has no rules the pack can read: its firewall policy is not in the stack; ICMP from every pool not checked: fw-hub has no rules the pack can read: its firewall policy is not in the stack",
    );
  });

  it("reads address ranges as sources and destinations", () => {
    const ranges = collection("net-allow", 200, [
      rule("allow-https", {
        sources: ["172.16.201.10-172.16.201.12", "172.16.201.128-172.16.201.255"],
        destinations: ["10.1.0.0-10.1.1.255"],
      }),
    ]);
    expect(parts(withCollections([ranges]))[0]).toEqual([
      "allowed",
      ALLOW_HTTPS,
      ["tcp 172.16.201.10/31 443", "tcp 172.16.201.12/32 443", "tcp 172.16.201.128/25 443"],
    ]);
  });

  it("matches every ICMP flow by an ICMP rule and every flow by an Any rule on all ports", () => {
    const icmp = collection("net-allow", 200, [rule("allow-ping", { protocols: ["icmp"], destinationPorts: ["*"] })]);
    expect(parts(withCollections([icmp]))).toEqual([
      ["allowed", "fw-hub rule allow-ping in collection net-allow (priority 200) of group net", ["icmp 172.16.201.0/24"]],
      ["denied", DEFAULT, DEFAULT_WHY, ["tcp 172.16.201.0/24 0-65535", "udp 172.16.201.0/24 0-65535"]],
    ]);
    const any = collection("net-allow", 200, [rule("allow-any", { protocols: ["Any"], destinationPorts: ["*"] })]);
    expect(parts(withCollections([any]))).toEqual([
      ["allowed", "fw-hub rule allow-any in collection net-allow (priority 200) of group net", EVERYTHING],
    ]);
  });

  it("leaves ICMP not checked when an Any rule names ports, since ICMP has none", () => {
    const dns = collection("net-allow", 200, [rule("allow-dns", { protocols: ["Any"], destinationPorts: ["53"] })]);
    expect(parts(withCollections([dns]))).toEqual([
      [
        "allowed",
        "fw-hub rule allow-dns in collection net-allow (priority 200) of group net",
        ["tcp 172.16.201.0/24 53", "udp 172.16.201.0/24 53"],
      ],
      [
        "not checked",
        "fw-hub rule allow-dns in collection net-allow (priority 200) of group net",
        "names destination ports 53 for every protocol, and ICMP has no ports",
        ["icmp 172.16.201.0/24"],
      ],
      ["denied", DEFAULT, DEFAULT_WHY, ["tcp 172.16.201.0/24 0-52,54-65535", "udp 172.16.201.0/24 0-52,54-65535"]],
    ]);
  });

  it("names a classic firewall's own collections without a group", () => {
    const classic = collection("net-allow", 200, [rule("allow-https")], { group: undefined, groupPriority: 0 });
    expect(parts(withCollections([classic]))[0]).toEqual([
      "allowed",
      "fw-hub rule allow-https in collection net-allow (priority 200)",
      ["tcp 172.16.201.0/24 443"],
    ]);
  });
});

const POOLS = ["172.16.201.0/24", "172.16.202.0/25", "fd00:1::/64"];

const ruleArb: fc.Arbitrary<FirewallRule> = fc.record({
  name: fc.constantFrom("r1", "r2", "r3"),
  protocols: fc.subarray(["TCP", "UDP", "ICMP", "Any", "Esp", "Https:443", "Http", "Mssql:1433", "Weird"], { minLength: 1 }),
  sources: fc.subarray(
    ["*", "172.16.201.0/24", "172.16.201.0/25", "172.16.201.100-172.16.202.50", "fd00:1::/65", "10.0.0.0/8", "not-an-address"],
    { minLength: 1 },
  ),
  sourceGroups: fc.subarray(["ipg-a"]),
  destinations: fc.subarray(["*", "10.1.1.0/24", "10.1.1.0/25", "10.1.2.0/24", "10.1.0.0-10.1.1.255", "AzureCloud", "what?"], {
    minLength: 1,
  }),
  destinationGroups: fc.subarray(["ipg-b"]),
  destinationFqdns: fc.subarray(["db.contoso.internal"]),
  destinationPorts: fc.subarray(["*", "443", "80-90", "1000-2000", "x"]),
});

const collectionArb: fc.Arbitrary<FirewallRuleCollection> = fc.record({
  name: fc.constantFrom("c1", "c2", "c3"),
  // Weighted towards network collections that allow, so that the properties see allowed flows often.
  kind: fc.constantFrom("network", "network", "network", "application", "dnat"),
  groupPriority: fc.integer({ min: 100, max: 300 }),
  group: fc.option(fc.constantFrom("g1", "g2"), { nil: undefined }),
  priority: fc.integer({ min: 100, max: 300 }),
  action: fc.constantFrom("allow", "allow", "deny", "dnat"),
  rules: fc.array(ruleArb, { minLength: 1, maxLength: 3 }),
});

const inputArb: fc.Arbitrary<FirewallEvaluationInput> = fc.record({
  pools: fc.subarray(POOLS, { minLength: 1 }),
  destination: fc.constantFrom(["10.1.1.0/24"], ["10.1.1.0/24", "10.1.3.0/24"], []),
  firewall: fc.record({ name: fc.constant("fw-hub"), rules: fc.record({ collections: fc.array(collectionArb, { maxLength: 4 }) }) }),
});

function universe(pools: readonly string[]): FlowSet {
  const cidrs = pools.map((p) => parseCidr(p)).flatMap((p) => (p.ok ? [p.cidr] : []));
  return FlowSet.of(cidrs, PROTOCOLS, [ALL_PORTS]);
}

function allowed(input: FirewallEvaluationInput): FlowSet {
  return evaluateFirewall(input)
    .filter((p) => p.verdict === "allowed")
    .reduce((all, p) => all.union(p.flows), FlowSet.empty());
}

describe("Azure Firewall evaluation properties", () => {
  it("cuts the pools' flows into disjoint parts that cover them exactly", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = evaluateFirewall(input);
        result.forEach((a, i) => result.slice(i + 1).forEach((b) => expect(a.flows.intersect(b.flows).toStrings()).toEqual([])));
        const union = result.reduce((all, p) => all.union(p.flows), FlowSet.empty());
        expect(union.toStrings()).toEqual(universe(input.pools).toStrings());
      }),
      { numRuns: 200 },
    );
  });

  it("never allows more after a deny collection is added", () => {
    fc.assert(
      fc.property(inputArb, collectionArb, (input, extra) => {
        const deny: FirewallRuleCollection = { ...extra, kind: "network", action: "deny" };
        const before = allowed(input);
        const after = allowed({
          ...input,
          firewall: { ...input.firewall, rules: { collections: [...(input.firewall.rules.collections ?? []), deny] } },
        });
        expect(after.subtract(before).toStrings()).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
