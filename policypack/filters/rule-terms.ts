import type { Cidr } from "../topology/cidr";
import { parseCidr } from "../topology/cidr";
import type { PortRange, Protocol } from "./flow-set";
import { ALL_PORTS, FlowSet, PROTOCOLS, cidrTexts, intervalOf, normalisedPorts, portsText } from "./flow-set";

/**
 * The terms NSG and firewall rules share (addresses, ports, protocols), read the same way for
 * both filters so that one rule text never means two things.
 */

/** Text that names a service tag ("Storage", "Sql.WestEurope"). */
export const SERVICE_TAG = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)?$/;

/** "0.0.0.0/0" matches IPv6 too: the portal and the API treat it as "any" (spec F2). */
export const EVERYTHING: readonly Cidr[] = ["0.0.0.0/0", "::/0"].map(cidrOrAddress).filter((c): c is Cidr => c !== undefined);

/** Whether a rule surely matches, surely does not, or may. */
export type Tri = "yes" | "no" | "maybe";

export interface ProtocolPorts {
  protocols: Protocol[];
  ports: readonly PortRange[];
}

export function isAny(text: string): boolean {
  return text === "*" || text.toLowerCase() === "any" || text === "0.0.0.0/0";
}

/** A CIDR, or a plain address as its own /32 or /128 (rules may name single hosts). */
export function cidrOrAddress(text: string): Cidr | undefined {
  const parsed = parseCidr(text.includes("/") ? text : `${text}/${text.includes(":") ? 128 : 32}`);
  return parsed.ok ? parsed.cidr : undefined;
}

/** A CIDR, a plain address, or a range "10.0.0.1-10.0.0.9" as the fewest prefixes that cover it exactly. */
export function cidrsOfAddresses(text: string): Cidr[] | undefined {
  const single = cidrOrAddress(text);
  if (single) return [single];
  const ends = text.split("-").map((end) => (end.includes("/") ? undefined : cidrOrAddress(end.trim())));
  if (ends.length !== 2 || !ends[0] || !ends[1] || ends[0].family !== ends[1].family) return undefined;
  const [first, last] = [intervalOf(ends[0])[0], intervalOf(ends[1])[0]];
  if (first > last) return undefined;
  return cidrTexts(ends[0].family, first, last)
    .map((t) => cidrOrAddress(t))
    .filter((c): c is Cidr => c !== undefined);
}

/** How far prefixes cover a subnet; a subnet without known prefixes is covered to an unknown degree. */
export function coverage(cidrs: readonly Cidr[], subnet: readonly Cidr[]): "all" | "part" | "none" | "unknown" {
  // The ICMP track of a FlowSet is a plain address set.
  const covered = FlowSet.of(cidrs, ["icmp"], []);
  const own = FlowSet.of(subnet, ["icmp"], []);
  if (own.isEmpty()) return "unknown";
  if (own.subtract(covered).isEmpty()) return "all";
  return own.intersect(covered).isEmpty() ? "none" : "part";
}

/** "*", "80", "8000-8100"; anything else is kept as text that is not understood. */
export function parsePorts(entries: readonly string[]): { ranges: PortRange[]; unknown: string[] } {
  const ranges: PortRange[] = [];
  const unknown: string[] = [];
  for (const entry of entries) {
    const text = entry.trim();
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
    if (isAny(text)) ranges.push(ALL_PORTS);
    else if (match && Number(match[1]) <= Number(match[2] ?? match[1]) && Number(match[2] ?? match[1]) <= ALL_PORTS[1]) {
      ranges.push([Number(match[1]), Number(match[2] ?? match[1])]);
    } else unknown.push(text);
  }
  return { ranges: normalisedPorts(ranges), unknown };
}

export function coversAllPorts(ranges: readonly PortRange[]): boolean {
  const merged = normalisedPorts(ranges);
  return merged.length === 1 && merged[0][0] === ALL_PORTS[0] && merged[0][1] === ALL_PORTS[1];
}

/** Which protocols and destination ports a rule's protocol and ports surely match, and which they may match. */
export function protocolPorts(
  protocol: string,
  destinationPorts: readonly string[],
  why: string[],
): { sure: ProtocolPorts[]; all: ProtocolPorts[] } {
  const parsed = parsePorts(destinationPorts);
  if (parsed.unknown.length > 0)
    why.push(`has destination ports ${parsed.unknown.map((p) => JSON.stringify(p)).join(",")}, which are not understood`);
  const allPorts = parsed.unknown.length > 0 ? [ALL_PORTS] : parsed.ranges;
  const name = protocol.trim().toLowerCase();
  if (name === "tcp" || name === "udp") {
    return { sure: [{ protocols: [name], ports: parsed.ranges }], all: [{ protocols: [name], ports: allPorts }] };
  }
  // ICMP has no ports: an ICMP rule matches every ICMP flow.
  if (name === "icmp") return { sure: [{ protocols: ["icmp"], ports: [] }], all: [{ protocols: ["icmp"], ports: [] }] };
  if (name === "any" || name === "*") {
    const portless = parsed.unknown.length === 0 && coversAllPorts(parsed.ranges);
    // A port-restricted "any" rule may or may not apply to ICMP, which has no port: not checked rather than guessed.
    if (!portless) why.push(`names destination ports ${portsText(parsed.ranges)} for every protocol, and ICMP has no ports`);
    const tcpUdp: ProtocolPorts = { protocols: ["tcp", "udp"], ports: parsed.ranges };
    return {
      sure: portless ? [tcpUdp, { protocols: ["icmp"], ports: [] }] : [tcpUdp],
      all: [
        { protocols: ["tcp", "udp"], ports: allPorts },
        { protocols: ["icmp"], ports: [] },
      ],
    };
  }
  why.push(`has protocol ${JSON.stringify(protocol)}, which is not evaluated`);
  return { sure: [], all: [{ protocols: [...PROTOCOLS], ports: [ALL_PORTS] }] };
}

/** The flows from `cidrs` with each piece's protocols and ports. */
export function flowsOf(cidrs: readonly Cidr[], pieces: readonly ProtocolPorts[]): FlowSet {
  return pieces.reduce((set, piece) => set.union(FlowSet.of(cidrs, piece.protocols, piece.ports)), FlowSet.empty());
}
