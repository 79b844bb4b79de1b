import type { Family, FlowSet, Protocol } from "./flow-set";
import { ALL_PORTS, PROTOCOLS, cidrTexts, portsText } from "./flow-set";
import type { VerdictPart } from "./verdict";

const PROTOCOL_NAMES: Record<Protocol, string> = { tcp: "TCP", udp: "UDP", icmp: "ICMP" };

/**
 * One line for reports (spec F4): "TCP 443 from every pool; TCP 3389 from 172.16.201.0/25; everything
 * else denied by nsg-app rule deny-all (priority 4000)". Allowed flows first, then what is not
 * checked and why, then the denials, the last of them as "everything else". `nameRule` names a
 * part's deciding rule the way its filter does (an NSG rule, a firewall rule or default).
 */
export function describeFlows<R>(parts: readonly VerdictPart<R>[], nameRule: (rule: R) => string): string {
  if (parts.length === 0) return "no pool address to evaluate";
  // The parts cover the pools exactly, and every pool address has ICMP flows: the ICMP rows are the pools.
  const pools = addressKey(
    parts
      .reduce((all, p) => all.union(p.flows), parts[0].flows)
      .rows()
      .filter((r) => r.protocol === "icmp"),
  );
  const items: string[] = [];
  const allowed = parts.filter((p) => p.verdict === "allowed");
  if (allowed.length > 0)
    items.push(
      ...clauses(
        allowed.reduce((all, p) => all.union(p.flows), allowed[0].flows),
        pools,
      ),
    );
  for (const part of parts) {
    if (part.verdict === "not checked")
      items.push(...clauses(part.flows, pools).map((c) => `${c} not checked: ${nameRule(part.rule)} ${part.why}`));
  }
  const denied = parts.filter((p) => p.verdict === "denied");
  denied.forEach((part, i) => {
    const by = `denied by ${nameRule(part.rule)}${part.why === undefined ? "" : `: ${part.why}`}`;
    if (i < denied.length - 1) items.push(...clauses(part.flows, pools).map((c) => `${c} ${by}`));
    else items.push(`${items.length > 0 ? "everything else" : "everything"} ${by}`);
  });
  return items.join("; ");
}

interface Group {
  protocols: Protocol[];
  ports: string;
  addresses: string;
}

/**
 * "TCP 443 from every pool", "TCP and UDP 53 from 10.0.0.0/25, 10.0.1.0/24": the port space cut at
 * every row's edges, each piece named by the addresses that have it, pieces with the same
 * addresses joined, then protocols with the same ports and addresses.
 */
function clauses(flows: FlowSet, pools: string): string[] {
  const groups: Group[] = [];
  for (const protocol of PROTOCOLS) {
    const rows = flows.rows().filter((r) => r.protocol === protocol);
    const edges = [...new Set(rows.flatMap((r) => r.ports.flatMap(([a, b]) => [a, b + 1])))].sort((x, y) => x - y);
    const byAddresses = new Map<string, [number, number][]>();
    for (let k = 0; k + 1 < edges.length; k++) {
      const [start, end] = [edges[k], edges[k + 1] - 1];
      const holders = rows.filter((r) => r.ports.some(([a, b]) => a <= start && end <= b));
      if (holders.length === 0) continue;
      const key = addressKey(merged(holders));
      const ports = byAddresses.get(key) ?? [];
      const last = ports[ports.length - 1];
      if (last && last[1] + 1 === start) last[1] = end;
      else ports.push([start, end]);
      byAddresses.set(key, ports);
    }
    for (const [addresses, ports] of byAddresses)
      groups.push({ protocols: [protocol], ports: protocol === "icmp" ? "" : portsText(ports), addresses });
  }
  const joined = new Map<string, Group>();
  for (const group of groups) {
    const key = `${group.ports} ${group.addresses}`;
    const same = joined.get(key);
    if (same) same.protocols.push(...group.protocols);
    else joined.set(key, { ...group, protocols: [...group.protocols] });
  }
  return [...joined.values()].map((g) => {
    const from = g.addresses === pools ? "every pool" : g.addresses.split(" ").join(", ");
    const ports = g.ports === "" ? "" : g.ports === `${ALL_PORTS[0]}-${ALL_PORTS[1]}` ? " all ports" : ` ${g.ports}`;
    return `${g.protocols.map((p) => PROTOCOL_NAMES[p]).join(" and ")}${ports} from ${from}`;
  });
}

type Interval = { family: Family; first: bigint; last: bigint };

/** Rows of one track in address order, neighbours joined, so equal address sets give equal keys. */
function merged(rows: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const { family, first, last } of rows) {
    const prev = out[out.length - 1];
    if (prev && prev.family === family && prev.last + 1n === first) prev.last = last;
    else out.push({ family, first, last });
  }
  return out;
}

function addressKey(intervals: readonly Interval[]): string {
  return intervals.flatMap((i) => cidrTexts(i.family, i.first, i.last)).join(" ");
}
