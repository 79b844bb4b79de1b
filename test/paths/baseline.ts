import { analyze } from "../../policypack/pipeline/analyze";
import type { SubnetFlowPart } from "../../policypack/paths/subnet-flows";
import { flowRuleText } from "../../policypack/paths/subnet-flows";
import type { ForwardHop, PathPart, ReturnHop } from "../../policypack/paths/subnet-path";
import type { PathFailure } from "../../policypack/paths/path-failure";
import { applianceLabel } from "../../policypack/paths/next-hop";
import type { GatewayAnalysis } from "../../policypack/reachability/results";
import type { FirewallRule } from "../../policypack/topology/firewall-rules";
import type { Firewall, Route, RouteTable, Subnet, Topology } from "../../policypack/topology/model";
import type { NetworkSecurityGroup, SecurityRule } from "../../policypack/topology/security-rules";
import { gatewayNamed } from "../helpers/expect-result";
import { spelled } from "../helpers/spelled";
import { TopologyBuilder } from "../helpers/topology-builder";

export const POOL = "172.16.201.0/24";
export const FW_ADDRESS = "10.0.3.4";
export const FW = { id: "fw", name: "fw" };

/** A route to the firewall, by address and resource, as a deployed stack declares it. */
export function toFirewall(name: string, prefix: string): Route {
  return { name, prefix, nextHop: "VirtualAppliance", nextHopAddress: FW_ADDRESS, appliance: FW };
}

/** A subnet declared inline in its VNet, with id "<vnet>/<name>". */
export function subnet(name: string, vnet: string, prefix: string, changes: Partial<Subnet> = {}): Subnet {
  return { id: `${vnet}/${name}`, name, declaredBy: { id: vnet, name: vnet }, vnet, prefixes: [prefix], ...changes };
}

export function nsgRule(name: string, priority: number, changes: Partial<SecurityRule> = {}): SecurityRule {
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

export function firewallRule(name: string, changes: Partial<FirewallRule> = {}): FirewallRule {
  return {
    name,
    protocols: ["TCP"],
    sources: [POOL],
    sourceGroups: [],
    destinations: ["10.1.1.0/24"],
    destinationGroups: [],
    destinationFqdns: [],
    destinationPorts: ["443"],
    ...changes,
  };
}

/**
 * The compliant hub and spoke: hub-gw's clients (pool 172.16.201.0/24) reach the spoke app/web
 * through the firewall fw (10.0.3.4) both ways: the GatewaySubnet's table rt-gateway sends
 * 10.1.0.0/16 to fw, the spoke's table rt-app (propagation off) sends the pool to fw. fw allows TCP
 * 443 from the pool to web, and web's NSG nsg-app allows 443 from the pool and denies the rest.
 */
export function baseline(): Topology {
  const t = new TopologyBuilder()
    .vnet("hub", "10.0.0.0/16")
    .vnet("app", "10.1.0.0/16")
    .p2sGateway("hub-gw", "hub", { clientPool: [POOL] })
    .transitPeering("hub", "app")
    .build();
  t.subnets = [
    subnet("GatewaySubnet", "hub", "10.0.0.0/27", { table: "rt-gateway" }),
    subnet("AzureFirewallSubnet", "hub", "10.0.3.0/26"),
    subnet("web", "app", "10.1.1.0/24", { table: "rt-app", nsg: { id: "nsg-app", name: "nsg-app" } }),
  ];
  t.routeTables = [
    { id: "rt-gateway", name: "rt-gateway", propagation: true, routes: [toFirewall("spoke-via-fw", "10.1.0.0/16")] },
    { id: "rt-app", name: "rt-app", propagation: false, routes: [toFirewall("pool-via-fw", POOL)] },
  ];
  t.nsgs = [
    {
      id: "nsg-app",
      name: "nsg-app",
      rules: [
        nsgRule("allow-https", 100, { sources: [POOL], destinationPorts: ["443"] }),
        nsgRule("deny-all", 4000, { access: "deny", protocol: "any" }),
      ],
    } satisfies NetworkSecurityGroup,
  ];
  t.firewalls = [
    {
      ...FW,
      vnet: "hub",
      addresses: [FW_ADDRESS],
      rules: {
        collections: [
          {
            name: "net",
            kind: "network",
            groupPriority: 100,
            group: "p2s",
            priority: 200,
            action: "allow",
            rules: [firewallRule("allow-https")],
          },
        ],
      },
    } satisfies Firewall,
  ];
  return t;
}

type Kind = "subnets" | "routeTables" | "nsgs" | "firewalls";
type RecordOf<K extends Kind> = NonNullable<Topology[K]>[number];

/** A copy of `topology` with one path record changed (or, with a function, replaced). */
export function changedPath<K extends Kind>(
  topology: Topology,
  kind: K,
  id: string,
  patch: Partial<RecordOf<K>> | ((r: RecordOf<K>) => RecordOf<K>),
): Topology {
  const copy = structuredClone(topology);
  const list = (copy[kind] ?? []) as RecordOf<K>[];
  const i = list.findIndex((r) => r.id === id);
  if (i < 0) throw new Error(`no ${kind} record ${id} in the topology`);
  list[i] = typeof patch === "function" ? patch(list[i]) : { ...list[i], ...patch };
  return copy;
}

/** A copy of `topology` whose route table `id` has these routes. */
export function withRoutes(topology: Topology, id: string, routes: Route[], changes: Partial<RouteTable> = {}): Topology {
  return changedPath(topology, "routeTables", id, { routes, ...changes });
}

export function hubGw(topology: Topology): GatewayAnalysis {
  return gatewayNamed(analyze(topology), "hub-gw");
}

export function forwardText(hop: ForwardHop): string {
  return hop.kind === "via" ? `via ${applianceLabel(hop.hop)}` : hop.kind;
}

export function backText(hop: ReturnHop): string {
  return hop.kind === "via" ? `via ${applianceLabel(hop.hop)}` : hop.kind;
}

export function partTuple(where: string, p: PathPart): string[] {
  return [where, p.pool, forwardText(p.forward), backText(p.back), p.verdict];
}

/** Every path part of hub-gw as [network/subnet, pool, forward, back, verdict]: a failure prints them all. */
export function pathTuples(topology: Topology): string[][] {
  return hubGw(topology).paths.subnets.flatMap((s) => s.paths.map((p) => partTuple(`${s.network.name}/${s.subnet.name}`, p)));
}

/** The failures of one subnet of hub-gw, rendered as an azure-native user reads them. */
export function failuresOf(
  topology: Topology,
  where = "app/web",
): { code: string; resource: string; related: string[]; text?: string; fix?: string }[] {
  const found = hubGw(topology).paths.subnets.find((s) => `${s.network.name}/${s.subnet.name}` === where);
  if (!found) throw new Error(`no subnet ${where}`);
  return found.failures.map((f: PathFailure) => ({
    code: f.code,
    resource: f.resource,
    related: f.related,
    text: spelled(f.text),
    fix: spelled(f.fix.text),
  }));
}

/** The flows of one subnet of hub-gw as [verdict, deciding rule, why (not checked only), flows]. */
export function flowsOf(topology: Topology, where = "app/web"): (string | string[])[][] {
  const found = hubGw(topology).paths.subnets.find((s) => `${s.network.name}/${s.subnet.name}` === where);
  if (!found) throw new Error(`no subnet ${where}`);
  return found
    .flows()
    .map((p: SubnetFlowPart) => [p.verdict, flowRuleText(p.rule), ...(p.verdict === "not checked" ? [p.why] : []), p.flows.toStrings()]);
}
