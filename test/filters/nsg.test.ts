import { describeFlows } from "../../policypack/filters/describe-flows";
import type { NsgEvaluationInput, NsgFlowPart } from "../../policypack/filters/nsg";
import { evaluateNsg, ruleText } from "../../policypack/filters/nsg";
import type { SecurityRule } from "../../policypack/topology/security-rules";

function rule(name: string, priority: number, changes: Partial<SecurityRule> = {}): SecurityRule {
  return {
    id: `nsg-app/${name}`,
    name,
    priority,
    direction: "inbound",
    access: "allow",
    protocol: "tcp",
    sources: ["*"],
    sourcePorts: ["*"],
    destinations: ["*"],
    destinationPorts: ["*"],
    ...changes,
  };
}

/** The compliant baseline: the pool may reach the subnet on TCP 443, and nothing else. */
const ALLOW_HTTPS = rule("allow-https", 100, { sources: ["172.16.201.0/24"], destinationPorts: ["443"] });
const DENY_ALL = rule("deny-all", 4000, { access: "deny", protocol: "any" });
const BASELINE: NsgEvaluationInput = {
  pools: ["172.16.201.0/24"],
  destination: ["10.1.1.0/24"],
  nsg: { id: "nsg-app", name: "nsg-app", rules: [ALLOW_HTTPS, DENY_ALL] },
  poolInVirtualNetworkTag: true,
};

function withRules(rules: SecurityRule[], changes: Partial<NsgEvaluationInput> = {}): NsgEvaluationInput {
  return { ...BASELINE, nsg: { ...BASELINE.nsg, rules }, ...changes };
}

/** Each part as [verdict, deciding rule, why (not checked only), flows]: a failure prints the whole partition. */
function parts(input: NsgEvaluationInput): (string | string[])[][] {
  return evaluateNsg(input).map((p: NsgFlowPart) => [
    p.verdict,
    ruleText(p.rule),
    ...(p.verdict === "not checked" ? [p.why] : []),
    p.flows.toStrings(),
  ]);
}

const REST_DENIED = ["tcp 172.16.201.0/24 0-442,444-65535", "udp 172.16.201.0/24 0-65535", "icmp 172.16.201.0/24"];

describe("NSG evaluation for P2S pools (spec F2-F4)", () => {
  it("allows the pool to TCP 443 and denies everything else by the deny-all rule in the baseline", () => {
    expect(parts(BASELINE)).toEqual([
      ["allowed", "nsg-app rule allow-https (priority 100)", ["tcp 172.16.201.0/24 443"]],
      ["denied", "nsg-app rule deny-all (priority 4000)", REST_DENIED],
    ]);
    expect(describeFlows(evaluateNsg(BASELINE), ruleText)).toBe(
      "TCP 443 from every pool; everything else denied by nsg-app rule deny-all (priority 4000)",
    );
  });

  it("lets a deny rule with a lower priority number win over the allow rule", () => {
    const input = withRules([ALLOW_HTTPS, DENY_ALL, rule("deny-https", 50, { access: "deny", destinationPorts: ["443"] })]);
    expect(parts(input)).toEqual([
      ["denied", "nsg-app rule deny-https (priority 50)", ["tcp 172.16.201.0/24 443"]],
      ["denied", "nsg-app rule deny-all (priority 4000)", REST_DENIED],
    ]);
    expect(describeFlows(evaluateNsg(input), ruleText)).toBe(
      "TCP 443 from every pool denied by nsg-app rule deny-https (priority 50); everything else denied by nsg-app rule deny-all (priority 4000)",
    );
  });

  it("splits the pool where a rule's source holds only half of it", () => {
    const input = withRules([ALLOW_HTTPS, DENY_ALL, rule("allow-rdp", 200, { sources: ["172.16.201.0/25"], destinationPorts: ["3389"] })]);
    expect(parts(input)).toEqual([
      ["allowed", "nsg-app rule allow-https (priority 100)", ["tcp 172.16.201.0/24 443"]],
      ["allowed", "nsg-app rule allow-rdp (priority 200)", ["tcp 172.16.201.0/25 3389"]],
      [
        "denied",
        "nsg-app rule deny-all (priority 4000)",
        [
          "tcp 172.16.201.0/25 0-442,444-3388,3390-65535",
          "tcp 172.16.201.128/25 0-442,444-65535",
          "udp 172.16.201.0/24 0-65535",
          "icmp 172.16.201.0/24",
        ],
      ],
    ]);
    expect(describeFlows(evaluateNsg(input), ruleText)).toBe(
      "TCP 443 from every pool; TCP 3389 from 172.16.201.0/25; everything else denied by nsg-app rule deny-all (priority 4000)",
    );
  });

  it("matches port ranges and lists of ports", () => {
    const input = withRules([rule("allow-web", 100, { destinationPorts: ["80", "8000-8100", "443"] }), DENY_ALL]);
    expect(parts(input)[0]).toEqual(["allowed", "nsg-app rule allow-web (priority 100)", ["tcp 172.16.201.0/24 80,443,8000-8100"]]);
    expect(describeFlows(evaluateNsg(input), ruleText)).toBe(
      "TCP 80,443,8000-8100 from every pool; everything else denied by nsg-app rule deny-all (priority 4000)",
    );
  });

  it("reads protocol * as TCP, UDP and ICMP", () => {
    const input = withRules([rule("allow-any", 100, { protocol: "*" }), DENY_ALL]);
    expect(parts(input)).toEqual([
      [
        "allowed",
        "nsg-app rule allow-any (priority 100)",
        ["tcp 172.16.201.0/24 0-65535", "udp 172.16.201.0/24 0-65535", "icmp 172.16.201.0/24"],
      ],
    ]);
    expect(describeFlows(evaluateNsg(input), ruleText)).toBe("TCP and UDP all ports from every pool; ICMP from every pool");
  });

  it("leaves ICMP not checked when a protocol * rule names ports, since ICMP has none", () => {
    const input = withRules([rule("allow-dns", 100, { protocol: "any", destinationPorts: ["53"] }), DENY_ALL]);
    expect(parts(input)).toEqual([
      ["allowed", "nsg-app rule allow-dns (priority 100)", ["tcp 172.16.201.0/24 53", "udp 172.16.201.0/24 53"]],
      [
        "not checked",
        "nsg-app rule allow-dns (priority 100)",
        "names destination ports 53 for every protocol, and ICMP has no ports",
        ["icmp 172.16.201.0/24"],
      ],
      ["denied", "nsg-app rule deny-all (priority 4000)", ["tcp 172.16.201.0/24 0-52,54-65535", "udp 172.16.201.0/24 0-52,54-65535"]],
    ]);
  });

  it("falls through to AllowVnetInBound when the pool is in VirtualNetwork and no own rule matches", () => {
    expect(parts(withRules([ALLOW_HTTPS]))).toEqual([
      ["allowed", "nsg-app rule allow-https (priority 100)", ["tcp 172.16.201.0/24 443"]],
      ["allowed", "nsg-app rule AllowVnetInBound (priority 65000)", REST_DENIED],
    ]);
  });

  it("falls through to DenyAllInbound when the pool is not in VirtualNetwork", () => {
    const input = withRules([ALLOW_HTTPS], { poolInVirtualNetworkTag: false });
    expect(parts(input)).toEqual([
      ["allowed", "nsg-app rule allow-https (priority 100)", ["tcp 172.16.201.0/24 443"]],
      ["denied", "nsg-app rule DenyAllInbound (priority 65500)", REST_DENIED],
    ]);
    expect(describeFlows(evaluateNsg(input), ruleText)).toBe(
      "TCP 443 from every pool; everything else denied by nsg-app rule DenyAllInbound (priority 65500)",
    );
  });

  it("leaves the default AllowVnetInBound not checked when the pool's VirtualNetwork membership is unknown", () => {
    expect(parts(withRules([ALLOW_HTTPS], { poolInVirtualNetworkTag: "unknown" }))).toEqual([
      ["allowed", "nsg-app rule allow-https (priority 100)", ["tcp 172.16.201.0/24 443"]],
      [
        "not checked",
        "nsg-app rule AllowVnetInBound (priority 65000)",
        "has source VirtualNetwork, and whether that tag holds the pool is unknown (no gateway route or UDR to it is declared)",
        REST_DENIED,
      ],
    ]);
  });

  it.each([
    [true, [["allowed", "nsg-app rule allow-vnet-ssh (priority 100)", ["tcp 172.16.201.0/24 22"]]]],
    [false, []],
    [
      "unknown" as const,
      [
        [
          "not checked",
          "nsg-app rule allow-vnet-ssh (priority 100)",
          "has source VirtualNetwork, and whether that tag holds the pool is unknown (no gateway route or UDR to it is declared)",
          ["tcp 172.16.201.0/24 22"],
        ],
      ],
    ],
  ])("decides a rule with source VirtualNetwork by the pool's membership (%s)", (membership, expected) => {
    const input = withRules([rule("allow-vnet-ssh", 100, { sources: ["VirtualNetwork"], destinationPorts: ["22"] }), DENY_ALL], {
      poolInVirtualNetworkTag: membership,
    });
    expect(parts(input).filter((p) => p[1] !== "nsg-app rule deny-all (priority 4000)")).toEqual(expected);
  });

  it("matches source Internet only when the pool is outside VirtualNetwork", () => {
    const internet = rule("allow-internet", 100, { sources: ["Internet"], destinationPorts: ["443"] });
    expect(parts(withRules([internet, DENY_ALL], { poolInVirtualNetworkTag: false }))[0]).toEqual([
      "allowed",
      "nsg-app rule allow-internet (priority 100)",
      ["tcp 172.16.201.0/24 443"],
    ]);
    expect(parts(withRules([internet, DENY_ALL]))).toEqual([
      [
        "denied",
        "nsg-app rule deny-all (priority 4000)",
        ["tcp 172.16.201.0/24 0-65535", "udp 172.16.201.0/24 0-65535", "icmp 172.16.201.0/24"],
      ],
    ]);
  });

  it("never matches the pool by an application security group or another service tag as source", () => {
    const input = withRules([
      rule("allow-asg", 100, { sources: ["asg:web", "Storage", "AzureLoadBalancer"], destinationPorts: ["443"] }),
      DENY_ALL,
    ]);
    expect(parts(input).map((p) => p[1])).toEqual(["nsg-app rule deny-all (priority 4000)"]);
  });

  it("leaves the flows a source-port restriction touches not checked, and lets later rules decide nothing for them", () => {
    const input = withRules([
      rule("allow-high-ports", 100, { sourcePorts: ["1024-65535"], destinationPorts: ["22"] }),
      ALLOW_HTTPS,
      DENY_ALL,
    ]);
    expect(parts(input)).toEqual([
      ["allowed", "nsg-app rule allow-https (priority 100)", ["tcp 172.16.201.0/24 443"]],
      [
        "not checked",
        "nsg-app rule allow-high-ports (priority 100)",
        "restricts source ports to 1024-65535, and a client's source port is arbitrary",
        ["tcp 172.16.201.0/24 22"],
      ],
      [
        "denied",
        "nsg-app rule deny-all (priority 4000)",
        ["tcp 172.16.201.0/24 0-21,23-442,444-65535", "udp 172.16.201.0/24 0-65535", "icmp 172.16.201.0/24"],
      ],
    ]);
    expect(describeFlows(evaluateNsg(input), ruleText)).toBe(
      "TCP 443 from every pool; TCP 22 from every pool not checked: nsg-app rule allow-high-ports (priority 100) restricts source ports to 1024-65535, and a client's source port is arbitrary; everything else denied by nsg-app rule deny-all (priority 4000)",
    );
  });

  it("leaves everything an unknown protocol could match not checked", () => {
    const input = withRules([rule("allow-esp", 50, { protocol: "Esp" }), ALLOW_HTTPS, DENY_ALL]);
    expect(parts(input)).toEqual([
      [
        "not checked",
        "nsg-app rule allow-esp (priority 50)",
        'has protocol "Esp", which is not evaluated',
        ["tcp 172.16.201.0/24 0-65535", "udp 172.16.201.0/24 0-65535", "icmp 172.16.201.0/24"],
      ],
    ]);
  });

  it("ignores rules whose destination is outside the subnet and leaves a partial one not checked", () => {
    const elsewhere = rule("allow-other-subnet", 50, { destinations: ["10.1.2.0/24"], destinationPorts: ["22"] });
    const half = rule("allow-half-subnet", 60, { destinations: ["10.1.1.0/25"], destinationPorts: ["3389"] });
    expect(parts(withRules([elsewhere, half, ALLOW_HTTPS, DENY_ALL])).slice(0, 2)).toEqual([
      ["allowed", "nsg-app rule allow-https (priority 100)", ["tcp 172.16.201.0/24 443"]],
      [
        "not checked",
        "nsg-app rule allow-half-subnet (priority 60)",
        "has destinations 10.1.1.0/25, which cover only part of the subnet",
        ["tcp 172.16.201.0/24 3389"],
      ],
    ]);
  });

  it("evaluates an IPv6 pool beside an IPv4 one, 0.0.0.0/0 matching both", () => {
    const input = withRules(
      [
        rule("allow-https-v6", 100, { sources: ["fd00:1::/64"], destinationPorts: ["443"] }),
        rule("deny-rest", 4000, { access: "deny", protocol: "any", sources: ["0.0.0.0/0"] }),
      ],
      {
        pools: ["172.16.201.0/24", "fd00:1::/64"],
      },
    );
    expect(parts(input)).toEqual([
      ["allowed", "nsg-app rule allow-https-v6 (priority 100)", ["tcp fd00:1::/64 443"]],
      [
        "denied",
        "nsg-app rule deny-rest (priority 4000)",
        [
          "tcp 172.16.201.0/24 0-65535",
          "udp 172.16.201.0/24 0-65535",
          "icmp 172.16.201.0/24",
          "tcp fd00:1::/64 0-442,444-65535",
          "udp fd00:1::/64 0-65535",
          "icmp fd00:1::/64",
        ],
      ],
    ]);
    expect(describeFlows(evaluateNsg(input), ruleText)).toBe(
      "TCP 443 from fd00:1::/64; everything else denied by nsg-app rule deny-rest (priority 4000)",
    );
  });

  it("ignores outbound rules", () => {
    expect(
      parts(withRules([ALLOW_HTTPS, DENY_ALL, rule("deny-out", 10, { direction: "outbound", access: "deny", protocol: "any" })])),
    ).toEqual(parts(BASELINE));
  });
});
