import { Peering } from "../../topology/model";
import { compareText } from "../../topology/order";
import { Finding } from "../findings";
import { TopologyIndex, isBasicSku, nameOf, peeringBetween } from "../topology-index";

/** Spec section 4: peering and gateway-transit settings that break P2S reachability. */
export function checkGatewayTransit(index: TopologyIndex): Finding[] {
  const findings: Finding[] = [];
  const add = (code: Finding["code"], resource: string, related: string[], problem: string, fix: string) =>
    findings.push({ category: "gateway-transit", code, resource, related, problem, fix });

  for (const peering of index.topology.peerings) {
    const local = nameOf(index, peering.from);
    if (peering.to === undefined || peering.to === peering.from || !index.networks.has(peering.to)) continue;
    const remote = nameOf(index, peering.to);
    const back = peeringBetween(index, peering.to, peering.from);
    if (!back && index.networks.has(peering.from)) {
      add(
        "one-way-peering",
        peering.id,
        [peering.to],
        `${peering.name} peers ${local} with ${remote}, but ${remote} has no peering back to ${local}, so the peering stays Initiated and carries no traffic.`,
        `Declare a VirtualNetworkPeering from ${remote} to ${local}.`,
      );
    }
    if (!peering.useRemoteGateways) continue;
    const remoteGateways = index.gatewaysByVnet.get(peering.to) ?? [];
    if (remoteGateways.length === 0) {
      add(
        "use-remote-gateways-without-gateway",
        peering.id,
        [peering.to],
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

  for (const [vnet, peerings] of index.peeringsFrom) {
    const remote = peerings.filter((p) => p.useRemoteGateways).sort((a, b) => compareText(a.name, b.name));
    for (const extra of remote.slice(1)) {
      add(
        "multiple-remote-gateways",
        extra.id,
        remote.filter((p) => p !== extra).map((p) => p.id),
        `${nameOf(index, vnet)} uses remote gateways through ${remote.map((p) => p.name).join(", ")}, but a VNet can use only one.`,
        `Keep useRemoteGateways on ${remote[0].name} only and set it to false on ${extra.name}.`,
      );
    }
  }

  for (const gateway of index.topology.gateways) {
    if (!isBasicSku(gateway) || gateway.vnet === undefined) continue;
    const transit: Peering[] = (index.peeringsFrom.get(gateway.vnet) ?? []).filter((p) => p.allowGatewayTransit);
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
