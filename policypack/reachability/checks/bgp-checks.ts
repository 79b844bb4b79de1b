import { overlaps } from "../../topology/cidr";
import { Connection, Site, VpnGateway } from "../../topology/model";
import { compareText } from "../../topology/order";
import { Finding } from "../findings";
import { Link, TopologyIndex, gatewayRunsBgp, isBasicSku } from "../topology-index";

/** Azure's ASN for VPN gateways when BGP is on and no ASN is given. */
export const AZURE_DEFAULT_ASN = 65515;

/** ASNs Azure reserves; a site may not use them (spec section 4). */
export function isReservedSiteAsn(asn: number): boolean {
  return asn === 65515 || (asn >= 65517 && asn <= 65520);
}

function gatewayAsn(gateway: VpnGateway): number {
  return gateway.asn ?? AZURE_DEFAULT_ASN;
}

/** Spec section 4: BGP asked for but impossible, equal or reserved ASNs, unsupported custom routes. */
export function checkBgp(index: TopologyIndex): Finding[] {
  const findings: Finding[] = [];
  const add = (code: Finding["code"], resource: string, related: string[], problem: string, fix: string) =>
    findings.push({ category: "bgp-config", code, resource, related, problem, fix });

  const askedOf = new Map<string, { gateway: VpnGateway; connections: string[] }>();
  for (const connection of index.topology.connections) {
    if (!connection.enableBgp) continue;
    for (const gateway of connectionGateways(index, connection)) {
      if (gatewayRunsBgp(gateway)) continue;
      const entry = askedOf.get(gateway.id) ?? { gateway, connections: [] };
      entry.connections.push(connection.name);
      askedOf.set(gateway.id, entry);
    }
    const site = connection.type === "IPsec" && connection.site !== undefined ? index.sites.get(connection.site) : undefined;
    if (site && site.bgpAsn === undefined) {
      add(
        "bgp-unavailable",
        site.id,
        [connection.id],
        `${connection.name} enables BGP, but ${site.name} has no bgpSettings.asn.`,
        `Give ${site.name} bgpSettings with the ASN and BGP peer address of the on-premises device.`,
      );
    }
  }

  for (const { gateway, connections } of askedOf.values()) {
    const names = connections.sort(compareText).join(", ");
    add(
      "bgp-unavailable",
      gateway.id,
      [],
      isBasicSku(gateway)
        ? `${names} ${connections.length > 1 ? "enable" : "enables"} BGP, but ${gateway.name} is a Basic SKU gateway, which has no BGP.`
        : `${names} ${connections.length > 1 ? "enable" : "enables"} BGP, but ${gateway.name} does not set enableBgp.`,
      isBasicSku(gateway)
        ? `Move ${gateway.name} to a VpnGw SKU with enableBgp, or set enableBgp to false on those connections.`
        : `Set enableBgp to true on ${gateway.name}, or to false on those connections.`,
    );
  }

  for (const link of index.links) {
    if (!link.connections.some((c) => c.enableBgp)) continue;
    const [gateway, far] = linkEnds(index, link);
    if (!gateway || !far) continue;
    const farAsn = link.kind === "IPsec" ? (far as Site).bgpAsn : gatewayAsn(far as VpnGateway);
    if (farAsn !== gatewayAsn(gateway)) continue;
    add(
      "equal-asn",
      far.id,
      [gateway.id, ...link.connections.map((c) => c.id)],
      `${gateway.name} and ${far.name} both use ASN ${farAsn} on ${link.connections[0].name}, so BGP does not exchange routes between them.`,
      `Give ${far.name} an ASN different from ${gateway.name}'s.`,
    );
  }

  for (const site of index.topology.sites) {
    if (site.bgpAsn === undefined || !isReservedSiteAsn(site.bgpAsn)) continue;
    add(
      "reserved-asn",
      site.id,
      [],
      `${site.name} uses ASN ${site.bgpAsn}, which Azure reserves.`,
      `Give ${site.name} the real ASN of the on-premises device, outside 65515 and 65517-65520.`,
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
  const routes = index.customRoutes.get(gateway.id) ?? [];
  const pool = index.pools.get(gateway.id) ?? [];
  const findings: Finding[] = [];
  for (const route of routes) {
    if (route.length === 0) {
      findings.push({
        category: "bgp-config",
        code: "default-custom-route",
        resource: gateway.id,
        related: [],
        problem: `${gateway.name} lists ${route.text} in customRoutes, which Point-to-Site does not support.`,
        fix: `Remove ${route.text} from customRoutes of ${gateway.name}; send all client traffic through Azure with forced tunnelling instead.`,
      });
      continue;
    }
    const clash = pool.find((p) => overlaps(p, route));
    if (clash) {
      findings.push({
        category: "bgp-config",
        code: "custom-route-overlaps-pool",
        resource: gateway.id,
        related: [],
        problem: `Custom route ${route.text} of ${gateway.name} overlaps its client pool ${clash.text}.`,
        fix: `Remove ${route.text} from customRoutes of ${gateway.name} or narrow it to exclude the client pool.`,
      });
    }
  }
  return findings;
}
