import { Peering } from "../../topology/model";
import { compareText } from "../../topology/order";
import { Finding } from "../findings";
import { TopologyIndex, isBasicSku, nameOf, peeringBetween } from "../topology-index";

/** Spec section 4: peering and gateway-transit settings that break P2S reachability. */
export function checkGatewayTransit(index: TopologyIndex): Finding[] {
  const findings: Finding[] = [];
  const add = (code: Finding["code"], resource: string, related: string[], problem: string, fix: string) =>
    findings.push({ category: "gateway-transit", code, resource, related, problem, fix });

  for (const { peering, from, to } of index.edges) {
    if (!to) continue;
    const local = from ? from.name : nameOf(index, peering.from);
    const remote = to.name;
    const back = from ? peeringBetween(index, to, from) : undefined;
    if (!back && from) {
      add(
        "one-way-peering",
        peering.id,
        [to.id],
        `${peering.name} peers ${local} with ${remote}, but ${remote} has no peering back to ${local}, so the peering stays Initiated and carries no traffic.`,
        `Declare a VirtualNetworkPeering from ${remote} to ${local}.`,
      );
    }
    if (!peering.useRemoteGateways) continue;
    const remoteGateways = index.gatewaysByVnet.get(to.id) ?? [];
    if (remoteGateways.length === 0) {
      add(
        "use-remote-gateways-without-gateway",
        peering.id,
        [to.id],
        `${peering.name} sets useRemoteGateways, but ${remote} has no VPN gateway, so Azure rejects the peering.`,
        `Set useRemoteGateways to false on ${peering.name}, or deploy the gateway in ${remote} first.`,
      );
    } else if (back && !back.allowGatewayTransit) {
      add(
        "use-remote-gateways-without-transit",
        back.id,
        [peering.id],
        `${peering.name} sets useRemoteGateways, but ${back.name} does not set allowGatewayTransit, so ${local} cannot use the gateway of ${remote}.`,
        `Set allowGatewayTransit to true on ${back.name}.`,
      );
    }
    if ((index.gatewaysByVnet.get(peering.from) ?? []).length > 0) {
      add(
        "own-gateway-and-remote-gateway",
        peering.id,
        (index.gatewaysByVnet.get(peering.from) ?? []).map((g) => g.id),
        `${peering.name} sets useRemoteGateways, but ${local} has its own gateway, and a VNet cannot use both.`,
        `Set useRemoteGateways to false on ${peering.name}, or remove the gateway from ${local}.`,
      );
    }
  }

  for (const vnet of index.networkList) {
    const remote = index.edgesFrom[vnet.ix]
      .map((e) => e.peering)
      .filter((p) => p.useRemoteGateways)
      .sort((a, b) => compareText(a.name, b.name));
    for (const extra of remote.slice(1)) {
      add(
        "multiple-remote-gateways",
        extra.id,
        remote.filter((p) => p !== extra).map((p) => p.id),
        `${vnet.name} uses remote gateways through ${remote.map((p) => p.name).join(", ")}, but a VNet can use only one.`,
        `Keep useRemoteGateways on ${remote[0].name} only and set it to false on ${extra.name}.`,
      );
    }
  }

  for (const gateway of index.topology.gateways) {
    const vnet = gateway.vnet === undefined ? undefined : index.networks.get(gateway.vnet);
    if (!isBasicSku(gateway) || !vnet) continue;
    const transit: Peering[] = index.edgesFrom[vnet.ix].map((e) => e.peering).filter((p) => p.allowGatewayTransit);
    if (transit.length === 0) continue;
    add(
      "basic-sku-gateway-transit",
      gateway.id,
      transit.map((p) => p.id),
      `${gateway.name} is a Basic SKU gateway, which does not support the gateway transit that ${transit
        .map((p) => p.name)
        .sort(compareText)
        .join(", ")} allow.`,
      `Move ${gateway.name} to a VpnGw SKU, or remove allowGatewayTransit from those peerings.`,
    );
  }
  return findings;
}
