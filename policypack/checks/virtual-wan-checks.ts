import type { Finding } from "../reachability/findings";
import { finding } from "../reachability/findings";
import type { GatewayAnalysis } from "../reachability/results";
import type { TopologyIndex } from "../reachability/topology-index";
import { nameOf } from "../reachability/topology-index";
import { contains, overlaps } from "../topology/cidr";
import type { Topology, VpnGateway } from "../topology/model";
import { compareText } from "../topology/order";
import { fieldRef, sentence } from "../topology/sentence";
import type { ServerConfiguration } from "../topology/virtual-wan";
import { PRIVATE_TRAFFIC, parsedAll, tableLabel } from "../virtual-wan/hub-routing";

/** Most user groups a P2S gateway takes (spec W9). */
const MAX_USER_GROUPS = 90;
/** Scale units per client pool Azure asks for from 40 units (spec W9). */
const UNITS_PER_POOL = 20;
/** Most VNet address spaces a hub with routing intent takes (spec W9). */
const MAX_INTENT_ADDRESS_SPACES = 600;

/** W8 on one server configuration: what Azure rejects in its protocols and authentication. */
export function checkServerConfiguration(server: ServerConfiguration): Finding[] {
  const out: Finding[] = [];
  const protocols = server.protocols ?? [];
  const field = fieldRef(server.id, "server.protocols");
  if (protocols.includes("SSTP"))
    out.push(
      finding("virtual-wan-server", {
        code: "protocols",
        resource: server.id,
        problem: sentence`${server.name} lists SSTP in ${field}, which Virtual WAN does not offer.`,
        fix: {
          resource: server.id,
          field: "server.protocols",
          action: "remove",
          text: sentence`Remove SSTP from ${field}; use IkeV2 or OpenVPN.`,
        },
      }),
    );
  const aad = (server.authTypes ?? []).includes("AAD") || server.aad;
  if (aad && server.protocols !== undefined && !protocols.includes("OpenVPN"))
    out.push(
      finding("virtual-wan-server", {
        code: "entra-without-openvpn",
        resource: server.id,
        problem: sentence`${server.name} uses Microsoft Entra ID without OpenVPN in ${field}; Entra ID works only over OpenVPN.`,
        fix: { resource: server.id, field: "server.protocols", action: "add", text: sentence`Add OpenVPN to ${field} of ${server.name}.` },
      }),
    );
  const types = new Set(server.authTypes ?? []);
  if (protocols.length > 0 && protocols.every((p) => p === "IkeV2") && types.size > 1)
    out.push(
      finding("virtual-wan-server", {
        code: "ikev2-auth-types",
        resource: server.id,
        problem: sentence`${server.name} offers IKEv2 only with ${types.size} authentication types in ${fieldRef(server.id, "server.authTypes")}; an IKEv2-only configuration takes one.`,
        fix: {
          resource: server.id,
          field: "server.authTypes",
          action: "remove",
          text: sentence`Keep one type in ${fieldRef(server.id, "server.authTypes")} of ${server.name}, or add OpenVPN to ${field}.`,
        },
      }),
    );
  return out;
}

/** W8's checks of the whole topology: what Azure rejects when hubs, tables and connections meet. */
export function checkVirtualWanTopology(index: TopologyIndex): Finding[] {
  const topology = index.topology;
  const wan = topology.wan;
  if (!wan) return [];
  const routing = index.hubs;
  const out: Finding[] = [];
  for (const gateway of topology.gateways) {
    if (!gateway.hub) continue;
    const hub = gateway.hub.hub !== undefined ? routing.hubs.get(gateway.hub.hub) : undefined;
    const owner = routing.wanOf(gateway.hub.hub);
    if (owner && (owner.type ?? "Standard").toLowerCase() === "basic")
      out.push(
        finding("virtual-wan-settings", {
          code: "basic-wan",
          resource: owner.id,
          related: [gateway.id],
          problem: sentence`${owner.name} is a Basic WAN, which has site-to-site VPN only, so ${gateway.name} is rejected.`,
          fix: {
            resource: owner.id,
            field: "wan.type",
            action: "set",
            text: sentence`Set ${fieldRef(owner.id, "wan.type")} of ${owner.name} to Standard.`,
          },
        }),
      );
    if (hub && (hub.sku ?? "").toLowerCase() === "basic")
      out.push(
        finding("virtual-wan-settings", {
          code: "basic-wan",
          resource: hub.id,
          related: [gateway.id],
          problem: sentence`${hub.name} is a Basic hub, which has site-to-site VPN only, so ${gateway.name} is rejected.`,
          fix: {
            resource: hub.id,
            field: "hub.sku",
            action: "set",
            text: sentence`Set ${fieldRef(hub.id, "hub.sku")} of ${hub.name} to Standard.`,
          },
        }),
      );
    for (const { configuration, connection } of routing.configurations(gateway)) {
      const table = routing.associated(connection);
      if (!table || table.builtIn !== undefined || (gateway.hub.hub !== undefined && routing.intents.has(gateway.hub.hub))) continue;
      const field = fieldRef(gateway.id, "p2s.associatedTable");
      out.push(
        finding("virtual-wan-settings", {
          code: "custom-associated-table",
          resource: gateway.id,
          related: [table.id],
          subject: configuration.name,
          problem: sentence`${configuration.name} of ${gateway.name} is associated with the custom route table ${tableLabel(routing, table)}; Azure rejects it: "Associated route table on branches can't be custom route table".`,
          fix: {
            resource: gateway.id,
            field: "p2s.associatedTable",
            action: "change",
            text: sentence`Associate ${configuration.name} with the hub's defaultRouteTable in ${field}, and propagate it to ${tableLabel(routing, table)} instead.`,
          },
        }),
      );
    }
  }
  // A VNet connects to one hub, and not while it has a gateway of its own.
  const byVnet = new Map<string, typeof wan.connections>();
  for (const c of wan.connections)
    if (c.kind === "vnet" && c.remote !== undefined) byVnet.set(c.remote, [...(byVnet.get(c.remote) ?? []), c]);
  for (const [vnet, connections] of byVnet) {
    const sorted = [...connections].sort((a, b) => compareText(a.name, b.name));
    const hubs = new Set(sorted.map((c) => c.hub));
    if (hubs.size > 1)
      for (const c of sorted.slice(1))
        out.push(
          finding("virtual-wan-settings", {
            code: "vnet-two-hubs",
            resource: c.id,
            related: [sorted[0].id, vnet],
            problem: sentence`${nameOf(index, vnet)} is connected to two hubs, by ${sorted[0].name} and ${c.name}; a VNet connects to one hub only.`,
            fix: { resource: c.id, action: "change", text: sentence`Remove ${c.name}, or connect ${nameOf(index, vnet)} to one hub only.` },
          }),
        );
    const own = index.gatewaysByVnet.get(vnet) ?? [];
    if (own.length > 0)
      for (const c of sorted)
        out.push(
          finding("virtual-wan-settings", {
            code: "vnet-with-gateway",
            resource: c.id,
            related: [own[0].id, vnet],
            problem: sentence`${nameOf(index, vnet)} has the VNet gateway ${own[0].name}, so its hub connection ${c.name} is rejected.`,
            fix: {
              resource: c.id,
              action: "change",
              text: sentence`Remove ${own[0].name} from ${nameOf(index, vnet)}, or do not connect it to a hub.`,
            },
          }),
        );
  }
  const connectionIds = new Set(wan.connections.map((c) => c.id));
  for (const intent of wan.intents) {
    if (intent.hub === undefined) continue;
    const custom = wan.tables.filter((t) => t.hub === intent.hub && t.builtIn === undefined);
    const staticToVnet = wan.tables.some(
      (t) => t.hub === intent.hub && t.routes.some((r) => r.target !== undefined && connectionIds.has(r.target)),
    );
    if (custom.length === 0 && !staticToVnet) continue;
    out.push(
      finding("virtual-wan-settings", {
        code: "routing-intent-prerequisites",
        resource: intent.id,
        related: custom.map((t) => t.id),
        problem:
          custom.length > 0
            ? sentence`${intent.name} sets routing intent on a hub with the custom route tables ${custom.map((t) => t.name).join(", ")}, which Azure rejects.`
            : sentence`${intent.name} sets routing intent on a hub with static routes to a VNet connection, which Azure rejects.`,
        fix: {
          resource: intent.id,
          field: "intent.policies",
          action: "change",
          text: sentence`Remove the custom route tables and static routes of the hub before declaring ${intent.name}.`,
        },
      }),
    );
  }
  return out;
}

/** W9: what Azure accepts but users meet as missing access or disconnections. */
export function checkVirtualWanRouting(index: TopologyIndex, gateways: readonly GatewayAnalysis[]): Finding[] {
  const topology: Topology = index.topology;
  if (!topology.wan) return [];
  const routing = index.hubs;
  const out: Finding[] = [];
  for (const analysis of gateways) {
    const gateway = index.gateways.get(analysis.id);
    if (!gateway?.hub) continue;
    const hubId = gateway.hub.hub;
    const intent = hubId !== undefined ? routing.intents.get(hubId) : undefined;
    for (const c of analysis.hubConfigurations ?? []) {
      if (c.associated?.builtIn === "noneRouteTable")
        out.push(
          finding("virtual-wan-routing", {
            code: "none-table",
            resource: gateway.id,
            subject: c.name,
            problem: sentence`${c.name} of ${gateway.name} is associated with noneRouteTable, so its users reach nothing.`,
            fix: {
              resource: gateway.id,
              field: "p2s.associatedTable",
              action: "change",
              text: sentence`Associate ${c.name} with the hub's defaultRouteTable in ${fieldRef(gateway.id, "p2s.associatedTable")}.`,
            },
          }),
        );
      // With routing intent a missing way back is a pool outside the private prefixes, reported once below.
      for (const d of intent ? [] : c.destinations) {
        if (d.verdict !== "one-way" || !d.text || !d.fix) continue;
        out.push(
          finding("virtual-wan-routing", {
            code: "one-way",
            resource: d.fix.resource ?? gateway.id,
            related: [d.connection.id],
            subject: `${c.name} ${d.connection.name}`,
            problem: sentence`${d.text}.`,
            fix: d.fix,
          }),
        );
      }
      if (intent) {
        const privateSet = parsedAll([...PRIVATE_TRAFFIC, ...intent.additionalPrefixes]);
        for (const pool of parsedAll(c.pools))
          if (!privateSet.some((p) => contains(p, pool)))
            out.push(
              finding("virtual-wan-routing", {
                code: "pool-outside-intent",
                resource: gateway.id,
                related: [intent.id],
                subject: pool.text,
                problem: sentence`${pool.text} of ${gateway.name} is outside the private prefixes of ${intent.name}, so replies to it are not routed through the hub's firewall.`,
                fix: {
                  resource: gateway.id,
                  field: "p2s.pools",
                  action: "change",
                  text: sentence`Use a pool inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, or add ${pool.text} to the private traffic prefixes of the firewall policy.`,
                },
              }),
            );
      }
    }
    const units = gateway.hub.scaleUnits ?? 0;
    const pools = gateway.clientPool.length;
    if (units >= 40 && pools < Math.ceil(units / UNITS_PER_POOL))
      out.push(
        finding("virtual-wan-routing", {
          code: "scale-units",
          resource: gateway.id,
          problem: sentence`${gateway.name} has ${units} scale units and ${pools === 1 ? "one client pool" : `${pools} client pools`}; from 40 units Azure needs a pool per ${UNITS_PER_POOL} units.`,
          fix: {
            resource: gateway.id,
            field: "p2s.pools",
            action: "add",
            text: sentence`Give ${gateway.name} at least ${Math.ceil(units / UNITS_PER_POOL)} pools in ${fieldRef(gateway.id, "p2s.pools")}.`,
          },
        }),
      );
    const groups = gateway.hub.policyGroups;
    const defaults = groups.filter((g) => g.isDefault).length;
    const server = gateway.hub.settingsFrom;
    if (server && groups.length > 0 && (groups.length > MAX_USER_GROUPS || defaults !== 1))
      out.push(
        finding("virtual-wan-routing", {
          code: "user-groups",
          resource: server.id,
          related: [gateway.id],
          problem:
            groups.length > MAX_USER_GROUPS
              ? sentence`${server.name} has ${groups.length} user groups; a P2S gateway takes ${MAX_USER_GROUPS} at most.`
              : sentence`${server.name} has ${defaults} default user groups; exactly one must be the default.`,
          fix: {
            resource: server.id,
            field: "server.policyGroups",
            action: "change",
            // Not a field of the classic provider's server configuration: its groups are resources of their own.
            text: sentence`Keep at most ${MAX_USER_GROUPS} user groups of ${server.name}, exactly one of them the default.`,
          },
        }),
      );
    out.push(...radiusFindings(index, gateway));
    const hub = hubId !== undefined ? routing.hubs.get(hubId) : undefined;
    const hubPrefix = hub?.prefix !== undefined ? parsedAll([hub.prefix])[0] : undefined;
    for (const pool of index.pools.get(gateway.id) ?? [])
      if (hub && hubPrefix && overlaps(pool, hubPrefix))
        out.push(
          finding("address-overlap", {
            code: "pool-overlaps-hub",
            resource: gateway.id,
            related: [hub.id],
            subject: pool.text,
            problem: sentence`${pool.text} of ${gateway.name} overlaps the address prefix ${hubPrefix.text} of ${hub.name}.`,
            fix: {
              resource: gateway.id,
              field: "p2s.pools",
              action: "change",
              text: sentence`Use a pool in ${fieldRef(gateway.id, "p2s.pools")} that overlaps no hub, VNet or site of the WAN.`,
            },
          }),
        );
  }
  for (const [hubId, intent] of routing.intents) {
    const spaces = routing.connections.filter((c) => c.hub === hubId && c.kind === "vnet").reduce((n, c) => n + c.prefixes.length, 0);
    if (spaces > MAX_INTENT_ADDRESS_SPACES)
      out.push(
        finding("virtual-wan-routing", {
          code: "intent-address-spaces",
          resource: intent.id,
          problem: sentence`The hub of ${intent.name} has ${spaces} VNet address spaces; with routing intent a hub takes ${MAX_INTENT_ADDRESS_SPACES}.`,
          fix: {
            resource: intent.id,
            action: "change",
            text: sentence`Summarise the spokes' address spaces or spread them over more hubs.`,
          },
        }),
      );
  }
  out.push(...branchPropagation(index));
  return out;
}

/**
 * W9: the gateway sends RADIUS requests from its hub, so a RADIUS server must sit in a VNet whose
 * connection propagates to that hub's default table.
 */
function radiusFindings(index: TopologyIndex, gateway: VpnGateway): Finding[] {
  const routing = index.hubs;
  const server = index.topology.wan?.serverConfigurations.find((c) => c.id === gateway.hub?.settingsFrom?.id);
  const hub = gateway.hub?.hub;
  if (!server || hub === undefined) return [];
  const defaultTable = routing.defaultOf(hub);
  const out: Finding[] = [];
  for (const address of server.radiusAddresses) {
    const host = parsedAll([address.includes("/") ? address : `${address}/32`])[0];
    if (!host) continue;
    const holding = routing.connections.filter(
      (c) => c.kind === "vnet" && c.remote !== undefined && index.networks.get(c.remote)?.prefixes.some((p) => contains(p, host)),
    );
    if (holding.some((c) => defaultTable !== undefined && routing.propagatesTo(c).tables.includes(defaultTable))) continue;
    const label = defaultTable ? tableLabel(routing, defaultTable) : "the hub's defaultRouteTable";
    out.push(
      finding("virtual-wan-routing", {
        code: "radius-unreachable",
        resource: holding[0]?.id ?? server.id,
        related: [server.id, gateway.id],
        subject: address,
        problem:
          holding.length > 0
            ? sentence`The RADIUS server ${address} of ${server.name} is in a VNet whose connection ${holding[0].name} does not propagate to ${label}, so ${gateway.name} cannot reach it and users cannot sign in.`
            : sentence`The RADIUS server ${address} of ${server.name} is in no VNet connected to the WAN, so ${gateway.name} cannot reach it and users cannot sign in.`,
        fix:
          holding.length > 0
            ? {
                resource: holding[0].id,
                field: "hubConnection.propagatedTables",
                action: "add",
                text: sentence`Add ${label} (or the label default) to ${fieldRef(holding[0].id, "hubConnection.propagatedTables")} of ${holding[0].name}.`,
              }
            : {
                resource: server.id,
                action: "change",
                text: sentence`Run the RADIUS server in a VNet connected to a hub of the WAN that propagates to ${label}.`,
              },
      }),
    );
  }
  return out;
}

/** Branch connections of one hub should propagate alike: Azure applies one branch's propagation to all (W9). */
function branchPropagation(index: TopologyIndex): Finding[] {
  const routing = index.hubs;
  const byHub = new Map<string, { id: string; name: string; tables: string }[]>();
  for (const c of routing.connections) {
    if (c.kind === "vnet" || c.hub === undefined) continue;
    const propagation = routing.propagatesTo(c);
    // Tables a brand-new preview does not know (ids of tables yet to be created) cannot be compared.
    if (propagation.unknown) continue;
    const tables = propagation.tables
      .map((t) => t.id)
      .sort(compareText)
      .join(",");
    byHub.set(c.hub, [...(byHub.get(c.hub) ?? []), { id: c.id.split("#")[0], name: c.name, tables }]);
  }
  const out: Finding[] = [];
  for (const branches of byHub.values()) {
    const sorted = [...branches].sort((a, b) => compareText(a.name, b.name));
    const first = sorted[0];
    for (const other of sorted.slice(1))
      if (other.tables !== first.tables)
        out.push(
          finding("virtual-wan-routing", {
            code: "branch-propagation",
            resource: other.id,
            related: [first.id],
            subject: other.name,
            problem: sentence`${other.name} and ${first.name} are branches of one hub that propagate to different route tables; Azure applies one branch's propagation to all.`,
            fix: {
              resource: other.id,
              action: "change",
              text: sentence`Propagate ${other.name} to the same route tables as ${first.name}.`,
            },
          }),
        );
  }
  return out;
}
