import fc from "fast-check";
import type { Flow, PortRange, Protocol } from "../../policypack/filters/flow-set";
import { ALL_PORTS, FlowSet, PROTOCOLS, cidrTexts, firstMatch } from "../../policypack/filters/flow-set";
import type { Cidr } from "../../policypack/topology/cidr";
import { parseCidr } from "../../policypack/topology/cidr";

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`${text} ${parsed.why}`);
  return parsed.cidr;
}

function flows(cidrs: string[], protocols: Protocol[], ports: PortRange[]): FlowSet {
  return FlowSet.of(cidrs.map(cidr), protocols, ports);
}

describe("FlowSet", () => {
  it("builds the flows of prefixes, protocols and ports, merging neighbouring prefixes", () => {
    expect(flows(["10.0.0.0/25", "10.0.0.128/25"], ["tcp", "udp"], [[443, 443]]).toStrings()).toEqual([
      "tcp 10.0.0.0/24 443",
      "udp 10.0.0.0/24 443",
    ]);
  });

  it("gives ICMP the single pseudo-port 0, whatever ports are named", () => {
    expect(flows(["10.0.0.0/24"], ["icmp"], [[443, 443]]).toStrings()).toEqual(["icmp 10.0.0.0/24"]);
    expect(flows(["10.0.0.0/24"], ["icmp"], []).has({ family: 4, address: 0x0a000001n, protocol: "icmp", port: 0 })).toBe(true);
  });

  it("keeps IPv4 and IPv6 apart and orders IPv4 first", () => {
    expect(flows(["fd00::/64", "10.0.0.0/24"], ["tcp"], [[22, 22]]).toStrings()).toEqual(["tcp 10.0.0.0/24 22", "tcp fd00::/64 22"]);
  });

  it("subtracts half a pool and one port, leaving the rest cut at the prefix and the port", () => {
    const all = flows(["172.16.201.0/24"], ["tcp"], [ALL_PORTS]);
    const rest = all.subtract(flows(["172.16.201.0/25"], ["tcp"], [[3389, 3389]]));
    expect(rest.toStrings()).toEqual(["tcp 172.16.201.0/25 0-3388,3390-65535", "tcp 172.16.201.128/25 0-65535"]);
  });

  it("intersects to the common prefix, protocol and ports", () => {
    const a = flows(["10.0.0.0/24"], ["tcp", "udp"], [[80, 90]]);
    const b = flows(["10.0.0.64/26"], ["tcp"], [[85, 100]]);
    expect(a.intersect(b).toStrings()).toEqual(["tcp 10.0.0.64/26 85-90"]);
  });

  it("unions back to the canonical whole, whatever the order", () => {
    const halves = flows(["10.0.0.128/25"], ["tcp"], [[0, 100]]).union(flows(["10.0.0.0/25"], ["tcp"], [[0, 100]]));
    expect(halves.equals(flows(["10.0.0.0/24"], ["tcp"], [[0, 100]]))).toBe(true);
    expect(halves.toStrings()).toEqual(["tcp 10.0.0.0/24 0-100"]);
  });

  it("is empty after subtracting itself and when built without ports", () => {
    const a = flows(["10.0.0.0/24"], PROTOCOLS.slice(), [ALL_PORTS]);
    expect(a.subtract(a).isEmpty()).toBe(true);
    expect(flows(["10.0.0.0/24"], ["tcp"], []).isEmpty()).toBe(true);
    expect(a.isEmpty()).toBe(false);
  });

  it("turns an address interval into the fewest prefixes", () => {
    expect(cidrTexts(4, 0x0a000001n, 0x0a000006n)).toEqual(["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"]);
    expect(cidrTexts(4, 0n, 0xffffffffn)).toEqual(["0.0.0.0/0"]);
    expect(cidrTexts(6, 0n, (1n << 128n) - 1n)).toEqual(["::/0"]);
  });

  it("partitions by first match: each rule takes what earlier rules left", () => {
    const universe = flows(["172.16.201.0/24"], ["tcp"], [ALL_PORTS]);
    const { parts, rest } = firstMatch(universe, [
      { label: "rdp from half", flows: flows(["172.16.201.0/25"], ["tcp"], [[3389, 3389]]) },
      { label: "deny rdp", flows: flows(["0.0.0.0/0"], ["tcp"], [[3389, 3389]]) },
      { label: "never", flows: flows(["172.16.201.0/25"], ["tcp"], [[3389, 3389]]) },
      { label: "web", flows: flows(["0.0.0.0/0"], ["tcp"], [[443, 443]]) },
    ]);
    expect(parts.map((p) => [p.label, p.flows.toStrings()])).toEqual([
      ["rdp from half", ["tcp 172.16.201.0/25 3389"]],
      ["deny rdp", ["tcp 172.16.201.128/25 3389"]],
      ["web", ["tcp 172.16.201.0/24 443"]],
    ]);
    expect(rest.toStrings()).toEqual(["tcp 172.16.201.0/24 0-442,444-3388,3390-65535"]);
  });
});

/** A brute-force model on a small space: addresses 10.0.0.0/28 and fd00::/124, ports 0-9 (and the top port). */
const PORTS = [...Array.from({ length: 10 }, (_, i) => i), 65535];
const ADDRESSES: { family: 4 | 6; address: bigint }[] = [
  ...Array.from({ length: 16 }, (_, i) => ({ family: 4 as const, address: 0x0a000000n + BigInt(i) })),
  ...Array.from({ length: 16 }, (_, i) => ({ family: 6 as const, address: (0xfd00n << 112n) + BigInt(i) })),
];
const POINTS: Flow[] = ADDRESSES.flatMap((a) => PROTOCOLS.flatMap((protocol) => PORTS.map((port) => ({ ...a, protocol, port }))));

const boxArb = fc.record({
  family: fc.constantFrom(4, 6),
  offset: fc.integer({ min: 0, max: 15 }),
  length: fc.integer({ min: 0, max: 4 }),
  protocols: fc.subarray([...PROTOCOLS], { minLength: 1 }),
  ports: fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })),
  top: fc.boolean(),
});
const setArb = fc.array(boxArb, { maxLength: 5 }).map((boxes) =>
  boxes.reduce((set, b) => {
    // A prefix of 2^length addresses inside the small space, aligned as a prefix must be.
    const start = b.offset - (b.offset % 2 ** b.length);
    const text = b.family === 4 ? `10.0.0.${start}/${32 - b.length}` : `fd00::${start.toString(16)}/${128 - b.length}`;
    const ports: PortRange[] = [[Math.min(...b.ports), Math.max(...b.ports)], ...(b.top ? [[65535, 65535] as const] : [])];
    return set.union(flows([text], b.protocols, ports));
  }, FlowSet.empty()),
);

function model(set: FlowSet): boolean[] {
  return POINTS.map((p) => set.has(p));
}

const RUNS = { numRuns: 150 };

describe("FlowSet laws against a brute-force model", () => {
  it("union, intersection and subtraction hold point by point", () => {
    fc.assert(
      fc.property(setArb, setArb, (a, b) => {
        const [ma, mb] = [model(a), model(b)];
        expect(model(a.union(b))).toEqual(ma.map((x, i) => x || mb[i]));
        expect(model(a.intersect(b))).toEqual(ma.map((x, i) => x && mb[i]));
        expect(model(a.subtract(b))).toEqual(ma.map((x, i) => x && !mb[i]));
      }),
      RUNS,
    );
  });

  it("is canonical: equal sets compare equal and print the same", () => {
    fc.assert(
      fc.property(setArb, setArb, (a, b) => {
        expect(a.union(b).equals(b.union(a))).toBe(true);
        expect(a.subtract(b).union(a.intersect(b)).equals(a)).toBe(true);
        expect(a.subtract(b).union(b).toStrings()).toEqual(a.union(b).toStrings());
        expect(a.subtract(b).intersect(b).isEmpty()).toBe(true);
        expect(a.equals(b)).toBe(model(a).every((x, i) => x === model(b)[i]));
      }),
      RUNS,
    );
  });

  it("partitions by first match into disjoint parts that cover the universe", () => {
    fc.assert(
      fc.property(setArb, fc.array(setArb, { maxLength: 4 }), (universe, rules) => {
        const { parts, rest } = firstMatch(
          universe,
          rules.map((flows, label) => ({ label, flows })),
        );
        const owner = POINTS.map((p) => (universe.has(p) ? rules.findIndex((r) => r.has(p)) : -2));
        const got = POINTS.map((p) => (universe.has(p) ? (parts.find((part) => part.flows.has(p))?.label ?? -1) : -2));
        expect(got).toEqual(owner);
        expect(parts.reduce((all, p) => all.union(p.flows), rest).equals(universe)).toBe(true);
      }),
      RUNS,
    );
  });
});
