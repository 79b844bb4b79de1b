import type { PortRange, Protocol } from "../../policypack/filters/flow-set";
import { FlowSet } from "../../policypack/filters/flow-set";
import type { FlowVerdict, SubnetFlows } from "../../policypack/intents/port-target";
import { judgePortTarget, parseTarget } from "../../policypack/intents/port-target";
import { parseCidr } from "../../policypack/topology/cidr";

const flows = (cidrs: string[], ports: PortRange[], protocol: Protocol = "tcp"): FlowSet =>
  FlowSet.of(
    cidrs.map((text) => {
      const parsed = parseCidr(text);
      if (!parsed.ok) throw new Error(text);
      return parsed.cidr;
    }),
    [protocol],
    ports,
  );

const POOL = "172.16.0.0/24";
const LOW = "172.16.0.0/25";
const HIGH = "172.16.0.128/25";
const ALL: PortRange = [0, 65535];

const part = (verdict: FlowVerdict, label: string, set: FlowSet) => ({ verdict, label, flows: set });
const subnet = (name: string, ...parts: { verdict: FlowVerdict; label: string; flows: FlowSet }[]): SubnetFlows<string> => ({
  name,
  parts,
});
/** What a subnet's partition covers beyond the parts named: the rest of the pool's TCP flows, under one label. */
const rest = (verdict: FlowVerdict, label: string, ...taken: FlowSet[]) =>
  part(
    verdict,
    label,
    taken.reduce((left, t) => left.subtract(t), flows([POOL], [ALL])),
  );

describe("parseTarget", () => {
  it.each([
    ["app", { ok: true, target: "app" }],
    ["10.2.1.0/24", { ok: true, target: "10.2.1.0/24" }],
    ["app:443", { ok: true, target: "app", ports: { protocol: "tcp", ranges: [[443, 443]] } }],
    ["10.2.1.0/24:3389/tcp", { ok: true, target: "10.2.1.0/24", ports: { protocol: "tcp", ranges: [[3389, 3389]] } }],
    ["app:8000-8100/udp", { ok: true, target: "app", ports: { protocol: "udp", ranges: [[8000, 8100]] } }],
    ["pci:*", { ok: true, target: "pci", ports: { protocol: "tcp", ranges: [[0, 65535]] } }],
    ["app:*/icmp", { ok: true, target: "app", ports: { protocol: "icmp", ranges: [[0, 65535]] } }],
    ["app:53/UDP", { ok: true, target: "app", ports: { protocol: "udp", ranges: [[53, 53]] } }],
    ["app:0-65535", { ok: true, target: "app", ports: { protocol: "tcp", ranges: [[0, 65535]] } }],
    ["fd00::/64", { ok: true, target: "fd00::/64" }],
    ["fd00::/64:443", { ok: true, target: "fd00::/64", ports: { protocol: "tcp", ranges: [[443, 443]] } }],
    ["fd00:1::/64:8000-8100/udp", { ok: true, target: "fd00:1::/64", ports: { protocol: "udp", ranges: [[8000, 8100]] } }],
    ["fd00::a:0/112", { ok: true, target: "fd00::a:0/112" }],
    ["fd00::a:0/112:22", { ok: true, target: "fd00::a:0/112", ports: { protocol: "tcp", ranges: [[22, 22]] } }],
    ["::ffff:10.0.0.0/104", { ok: true, target: "::ffff:10.0.0.0/104" }],
    ["fd00::1", { ok: true, target: "fd00::1" }],
    [
      "urn:pulumi:dev::net::azure-native:network:VirtualNetwork::vnet2",
      { ok: true, target: "urn:pulumi:dev::net::azure-native:network:VirtualNetwork::vnet2" },
    ],
    [
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet2:443",
      {
        ok: true,
        target: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet2",
        ports: { protocol: "tcp", ranges: [[443, 443]] },
      },
    ],
  ])("%s", (text, expected) => {
    expect(parseTarget(text)).toStrictEqual(expected);
  });

  it.each([
    ["app:70000", "port 70000 is above 65535"],
    ["app:80-70000/udp", "port 70000 is above 65535"],
    ["app:443/sctp", "protocol sctp is not tcp, udp or icmp"],
    ["app:443/icmp", "icmp takes no port: write app:*/icmp"],
    ["app:80,443", "a target names one port or range: list app:80 and app:443 apart"],
    ["app:8100-8000", "port range 8100-8000 runs backwards: write 8000-8100"],
    ["app:http", "http is not a port, a range like 8000-8100 or *"],
    ["app:80-", "80- is not a port, a range like 8000-8100 or *"],
    ["app:-1", "-1 is not a port, a range like 8000-8100 or *"],
    ["app:", "no port after the colon: write a port, a range like 8000-8100 or *"],
    ["app:/udp", "no port after the colon: write a port, a range like 8000-8100 or *"],
    ["app:443/", "no protocol after the slash: write tcp, udp or icmp"],
    [":443", "no target before the colon"],
    ["fd00::/64:x", "x is not a port, a range like 8000-8100 or *"],
    ["a\nb:x y", "x y is not a port, a range like 8000-8100 or *"],
    ["app:443/t\ncp", "protocol t\\ncp is not tcp, udp or icmp"],
    [`app:${"9".repeat(100)}`, `port ${"9".repeat(40)}… is above 65535`],
  ])("%j is refused: %s", (text, why) => {
    expect(parseTarget(text)).toStrictEqual({ ok: false, why });
  });

  it("answers long, colon-heavy texts at once", () => {
    const started = Date.now();
    for (const text of [":".repeat(100_000), `${"1/".repeat(50_000)}:1`, `a:${"-".repeat(100_000)}`, `a:1${"/".repeat(100_000)}`])
      parseTarget(text);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("judgePortTarget", () => {
  const https = flows([POOL], [[443, 443]]);

  it("has no subnet to judge: the caller judges the network", () => {
    expect(judgePortTarget(true, https, [])).toEqual({ outcome: "no-subnet", labels: [], flows: https, sure: true });
  });

  describe("a required target", () => {
    it("is reached when one subnet allows every selected flow", () => {
      const j = judgePortTarget(true, https, [
        subnet("app", part("allowed", "nsg-app/https (100)", flows([POOL], [[443, 443]]))),
        subnet("db"),
      ]);
      expect(j.outcome).toBe("reached");
      expect(j.flows.isEmpty()).toBe(true);
    });

    it("is reached when two subnets each allow half the pool: each address has a subnet", () => {
      const a = subnet(
        "a",
        part("allowed", "a/https", flows([LOW], [[443, 443]])),
        rest("denied", "a/deny-all", flows([LOW], [[443, 443]])),
      );
      const b = subnet(
        "b",
        part("allowed", "b/https", flows([HIGH], [[443, 443]])),
        rest("denied", "b/deny-all", flows([HIGH], [[443, 443]])),
      );
      expect(judgePortTarget(true, https, [a, b]).outcome).toBe("reached");
    });

    it("is not reached when each subnet allows only some of the named ports: ports do not add up across subnets", () => {
      const selection = flows(
        [POOL],
        [
          [80, 80],
          [443, 443],
        ],
      );
      const a = subnet("a", part("allowed", "a/http", flows([POOL], [[80, 80]])), rest("denied", "a/deny-all", flows([POOL], [[80, 80]])));
      const b = subnet(
        "b",
        part("allowed", "b/https", flows([POOL], [[443, 443]])),
        rest("denied", "b/deny-all", flows([POOL], [[443, 443]])),
      );
      const j = judgePortTarget(true, selection, [a, b]);
      expect(j).toMatchObject({ outcome: "not-reached", labels: ["a/deny-all", "b/deny-all"], sure: true });
      expect(j.flows.toStrings()).toEqual(["tcp 172.16.0.0/24 80,443"]);
    });

    it("is reached when one subnet allows a range whole, though another allows only part of it", () => {
      const selection = flows([POOL], [[80, 443]]);
      const a = subnet("a", part("allowed", "a/http", flows([POOL], [[80, 80]])), rest("denied", "a/deny-all", flows([POOL], [[80, 80]])));
      const b = subnet("b", part("allowed", "b/web", flows([POOL], [[80, 443]])), rest("denied", "b/deny-all", flows([POOL], [[80, 443]])));
      expect(judgePortTarget(true, selection, [a, b]).outcome).toBe("reached");
    });

    it("is not reached for the addresses a rule denies, naming that rule and those flows", () => {
      const allowed = flows([LOW], [[443, 443]]);
      const j = judgePortTarget(true, https, [
        subnet("app", part("allowed", "nsg-app/https (100)", allowed), rest("denied", "nsg-app/deny-all (4000)", allowed)),
      ]);
      expect(j).toMatchObject({ outcome: "not-reached", labels: ["nsg-app/deny-all (4000)"], sure: true });
      expect(j.flows.toStrings()).toEqual(["tcp 172.16.0.128/25 443"]);
    });

    it("is not checked when what is not allowed is not surely denied, naming why", () => {
      const allowed = flows([LOW], [[443, 443]]);
      const j = judgePortTarget(true, https, [
        subnet("app", part("allowed", "nsg-app/https", allowed), rest("not checked", "nsg-app/source-ports", allowed)),
      ]);
      expect(j).toMatchObject({ outcome: "not-checked", labels: ["nsg-app/source-ports"], sure: false });
      expect(j.flows.toStrings()).toEqual(["tcp 172.16.0.128/25 443"]);
    });

    it("is not checked when flows fall outside every part (nothing undeclared passes)", () => {
      const j = judgePortTarget(true, https, [subnet("app", part("allowed", "nsg-app/https", flows([LOW], [[443, 443]])))]);
      expect(j).toMatchObject({ outcome: "not-checked", labels: [], sure: false });
      expect(j.flows.toStrings()).toEqual(["tcp 172.16.0.128/25 443"]);
    });

    it("splits a pool by rules: a sure denial in every subnet outweighs a part not checked elsewhere", () => {
      const a = subnet("a", part("denied", "a/deny-low", flows([LOW], [ALL])), part("not checked", "a/appliance", flows([HIGH], [ALL])));
      const b = subnet("b", part("denied", "b/deny-all", flows([POOL], [ALL])));
      const j = judgePortTarget(true, https, [a, b]);
      expect(j).toMatchObject({ outcome: "not-reached", labels: ["a/deny-low", "b/deny-all"], sure: true });
      expect(j.flows.toStrings()).toEqual(["tcp 172.16.0.0/25 443"]);
    });

    it("names only the unchecked rules of subnets that deny the address nothing", () => {
      const a = subnet(
        "a",
        part("denied", "a/deny-https", flows([POOL], [[443, 443]])),
        part("not checked", "a/appliance", flows([POOL], [[80, 80]])),
      );
      const b = subnet("b", part("not checked", "b/source-ports", flows([POOL], [ALL])));
      const selection = flows(
        [POOL],
        [
          [80, 80],
          [443, 443],
        ],
      );
      expect(judgePortTarget(true, selection, [a, b])).toMatchObject({ outcome: "not-checked", labels: ["b/source-ports"], sure: false });
    });

    it("holds for an empty selection", () => {
      expect(judgePortTarget(true, FlowSet.empty(), [subnet("app")]).outcome).toBe("reached");
    });
  });

  describe("a forbidden target", () => {
    it("is not reached when every selected flow is surely denied in every subnet", () => {
      const a = subnet("a", part("denied", "a/deny-all", flows([POOL], [ALL])));
      const b = subnet("b", part("denied", "b/deny-low", flows([LOW], [ALL])), part("denied", "b/deny-high", flows([HIGH], [ALL])));
      const j = judgePortTarget(false, https, [a, b]);
      expect(j).toMatchObject({ outcome: "not-reached", labels: [], sure: true });
      expect(j.flows.isEmpty()).toBe(true);
    });

    it("is reached when one subnet allows some selected flow, naming the allowing rule and flows", () => {
      const a = subnet("a", part("denied", "a/deny-all", flows([POOL], [ALL])));
      const allowed = flows([HIGH], [[443, 443]]);
      const b = subnet("b", part("allowed", "b/https", allowed), rest("denied", "b/deny-all", allowed));
      const j = judgePortTarget(false, https, [a, b]);
      expect(j).toMatchObject({ outcome: "reached", labels: ["b/https"], sure: true });
      expect(j.flows.toStrings()).toEqual(["tcp 172.16.0.128/25 443"]);
    });

    it("is reached, not surely, when a selected flow is not checked", () => {
      const a = subnet("a", part("denied", "a/deny-low", flows([LOW], [ALL])), part("not checked", "a/appliance", flows([HIGH], [ALL])));
      const j = judgePortTarget(false, https, [a]);
      expect(j).toMatchObject({ outcome: "reached", labels: ["a/appliance"], sure: false });
      expect(j.flows.toStrings()).toEqual(["tcp 172.16.0.128/25 443"]);
    });

    it("judges ICMP by address, whatever ports the partition names", () => {
      const ping = flows([POOL], [ALL], "icmp");
      expect(judgePortTarget(false, ping, [subnet("a", part("denied", "a/deny-icmp", flows([POOL], [[0, 0]], "icmp")))]).outcome).toBe(
        "not-reached",
      );
      expect(judgePortTarget(false, ping, [subnet("a", part("denied", "a/deny-tcp", flows([POOL], [ALL])))]).outcome).toBe("reached");
    });
  });
});
