import { overlaps } from "../topology/cidr";
import { asnOf, gatewayRunsBgp, isBasicSku } from "../topology/gateway";
import type { Connection, Site, VpnGateway } from "../topology/model";
import { compareText } from "../topology/order";
import type { Fix, Sentence } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { Finding } from "../reachability/findings";
import type { Link, TopologyIndex } from "../reachability/topology-index";
import { finding } from "../reachability/findings";

/** Spec section 4a: BGP asked for but impossible, equal ASNs on a link, custom routes over the client pool. */
export function checkBgp(index: TopologyIndex): Finding[] {
  const findings: Finding[] = [];
  const add = (code: Finding["code"], resource: string, related: string[], problem: Sentence, fix: Fix, subject?: string) =>
    findings.push(finding("bgp-config", { code, resource, related, problem, fix, subject }));

  const askedOf = new Map<string, { gateway: VpnGateway; connections: Connection[] }>();
  for (const connection of index.topology.connections) {
    if (!connection.bgp) continue;
    for (const gateway of connectionGateways(index, connection)) {
      if (gatewayRunsBgp(gateway)) continue;
      const entry = askedOf.get(gateway.id) ?? { gateway, connections: [] };
      entry.connections.push(connection);
      askedOf.set(gateway.id, entry);
    }
    const site = connection.type === "IPsec" && connection.site !== undefined ? index.sites.get(connection.site) : undefined;
    if (site && site.bgpAsn === undefined) {
      const bgp = fieldRef(site.id, "site.bgp");
      add(
        "bgp-unavailable",
        site.id,
        [connection.id],
        sentence`${connection.name} enables BGP, but ${site.name} has no ${fieldRef(site.id, "site.asn")}.`,
        {
          resource: site.id,
          field: "site.bgp",
          action: "set",
          text: sentence`Give ${site.name} ${bgp} with the ASN and BGP peer address of the on-premises device.`,
        },
        connection.name,
      );
    }
  }

  for (const { gateway, connections } of askedOf.values()) {
    connections.sort((a, b) => compareText(a.name, b.name));
    const names = connections.map((c) => c.name).join(", ");
    const verb = connections.length > 1 ? "enable" : "enables";
    const bgp = fieldRef(gateway.id, "gateway.bgp");
    const connectionBgp = fieldRef(connections[0].id, "connection.bgp");
    add(
      "bgp-unavailable",
      gateway.id,
      [],
      isBasicSku(gateway)
        ? sentence`${names} ${verb} BGP, but ${gateway.name} is a Basic SKU gateway, which has no BGP.`
        : sentence`${names} ${verb} BGP, but ${gateway.name} does not set ${bgp}.`,
      {
        resource: gateway.id,
        field: "gateway.bgp",
        action: isBasicSku(gateway) ? "change" : "set",
        text: isBasicSku(gateway)
          ? sentence`Move ${gateway.name} to a VpnGw SKU with ${bgp}, or set ${connectionBgp} to false on those connections.`
          : sentence`Set ${bgp} to true on ${gateway.name}, or to false on those connections.`,
      },
    );
  }

  for (const link of index.links) {
    if (!link.connections.some((c) => c.bgp)) continue;
    const [gateway, far] = linkEnds(index, link);
    if (!gateway || !far) continue;
    const farAsn = link.kind === "IPsec" ? (far as Site).bgpAsn : asnOf(far as VpnGateway);
    if (farAsn !== asnOf(gateway)) continue;
    add(
      "equal-asn",
      far.id,
      [gateway.id, ...link.connections.map((c) => c.id)],
      sentence`${gateway.name} and ${far.name} both use ASN ${farAsn ?? ""} on ${link.connections[0].name}, so BGP does not exchange routes between them.`,
      {
        resource: far.id,
        field: link.kind === "IPsec" ? "site.asn" : undefined,
        action: "change",
        text: sentence`Give ${far.name} an ASN different from ${gateway.name}'s.`,
      },
      link.connections[0].name,
    );
  }

  for (const gateway of index.topology.gateways) findings.push(...customRouteFindings(index, gateway));
  return findings;
}

/** The Azure gateway of a link and its far end (the site, or the other gateway). */
function linkEnds(index: TopologyIndex, link: Link): [VpnGateway | undefined, VpnGateway | Site | undefined] {
  if (link.kind === "IPsec") {
    const gatewayId = link.connections[0].gateway as string;
    const siteId = link.a === gatewayId ? link.b : link.a;
    return [index.gateways.get(gatewayId), index.sites.get(siteId)];
  }
  return [index.gateways.get(link.a), index.gateways.get(link.b)];
}

function connectionGateways(index: TopologyIndex, connection: Connection): VpnGateway[] {
  const ids = connection.type === "Vnet2Vnet" ? [connection.gateway, connection.remoteGateway] : [connection.gateway];
  return ids.flatMap((id) => {
    const g = id === undefined ? undefined : index.gateways.get(id);
    return g ? [g] : [];
  });
}

function customRouteFindings(index: TopologyIndex, gateway: VpnGateway): Finding[] {
  const routes = index.advertisedRoutes.get(gateway.id) ?? [];
  const advertised = fieldRef(gateway.id, "gateway.advertisedRoutePrefixes");
  const remove = (text: Sentence): Fix => ({ resource: gateway.id, field: "gateway.advertisedRoutePrefixes", action: "remove", text });
  const pool = index.pools.get(gateway.id) ?? [];
  const findings: Finding[] = [];
  for (const route of routes) {
    // A default route is a retired-features finding (p2s-retired-features).
    if (route.length === 0) continue;
    const clash = pool.find((p) => overlaps(p, route));
    if (clash) {
      findings.push(
        finding("bgp-config", {
          code: "custom-route-overlaps-pool",
          resource: gateway.id,
          subject: route.text,
          problem: sentence`Custom route ${route.text} of ${gateway.name} overlaps its client pool ${clash.text}.`,
          fix: remove(sentence`Remove ${route.text} from ${advertised} of ${gateway.name} or narrow it to exclude the client pool.`),
        }),
      );
    }
  }
  return findings;
}
