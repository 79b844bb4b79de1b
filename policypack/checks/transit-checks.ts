import type { Peering } from "../topology/model";
import { compareText } from "../topology/order";
import type { Fix, Sentence } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { Finding } from "../reachability/findings";
import type { TopologyIndex } from "../reachability/topology-index";
import { isBasicSku, nameOf, peeringBetween } from "../reachability/topology-index";

/** Spec section 4: peering and gateway-transit settings that break P2S reachability. */
export function checkGatewayTransit(index: TopologyIndex): Finding[] {
  const findings: Finding[] = [];
  const add = (code: Finding["code"], resource: string, related: string[], problem: Sentence, fix: Fix) =>
    findings.push({ category: "gateway-transit", code, resource, related, problem, fix });

  for (const { peering, from, to } of index.edges) {
    if (!to) continue;
    const local = from ? from.name : nameOf(index, peering.from);
    const remote = to.name;
    const back = from ? peeringBetween(index, to, from) : undefined;
    const usesRemote = fieldRef(peering.id, "peering.usesRemoteGateway");
    if (!back && from) {
      add(
        "one-way-peering",
        peering.id,
        [to.id],
        sentence`${peering.name} peers ${local} with ${remote}, but ${remote} has no peering back to ${local}, so the peering stays Initiated and carries no traffic.`,
        { resource: to.id, action: "declare", text: sentence`Declare a VirtualNetworkPeering from ${remote} to ${local}.` },
      );
    }
    if (!peering.usesRemoteGateway) continue;
    const stopUsing = (alternative: string): Fix => ({
      resource: peering.id,
      field: "peering.usesRemoteGateway",
      action: "set",
      text: sentence`Set ${usesRemote} to false on ${peering.name}, or ${alternative}.`,
    });
    const remoteGateways = index.gatewaysByVnet.get(to.id) ?? [];
    if (remoteGateways.length === 0) {
      add(
        "use-remote-gateways-without-gateway",
        peering.id,
        [to.id],
        sentence`${peering.name} sets ${usesRemote}, but ${remote} has no VPN gateway, so Azure rejects the peering.`,
        stopUsing(`deploy the gateway in ${remote} first`),
      );
    } else if (back && !back.allowsTransit) {
      const transit = fieldRef(back.id, "peering.allowsTransit");
      add(
        "use-remote-gateways-without-transit",
        back.id,
        [peering.id],
        sentence`${peering.name} sets ${usesRemote}, but ${back.name} does not set ${transit}, so ${local} cannot use the gateway of ${remote}.`,
        { resource: back.id, field: "peering.allowsTransit", action: "set", text: sentence`Set ${transit} to true on ${back.name}.` },
      );
    }
    if ((index.gatewaysByVnet.get(peering.from) ?? []).length > 0) {
      add(
        "own-gateway-and-remote-gateway",
        peering.id,
        (index.gatewaysByVnet.get(peering.from) ?? []).map((g) => g.id),
        sentence`${peering.name} sets ${usesRemote}, but ${local} has its own gateway, and a VNet cannot use both.`,
        stopUsing(`remove the gateway from ${local}`),
      );
    }
  }

  for (const vnet of index.networkList) {
    const remote = index.edgesFrom[vnet.ix]
      .map((e) => e.peering)
      .filter((p) => p.usesRemoteGateway)
      .sort((a, b) => compareText(a.name, b.name));
    for (const extra of remote.slice(1)) {
      add(
        "multiple-remote-gateways",
        extra.id,
        remote.filter((p) => p !== extra).map((p) => p.id),
        sentence`${vnet.name} uses remote gateways through ${remote.map((p) => p.name).join(", ")}, but a VNet can use only one.`,
        {
          resource: extra.id,
          field: "peering.usesRemoteGateway",
          action: "set",
          text: sentence`Keep ${fieldRef(remote[0].id, "peering.usesRemoteGateway")} on ${remote[0].name} only and set it to false on ${extra.name}.`,
        },
      );
    }
  }

  for (const gateway of index.topology.gateways) {
    const vnet = gateway.vnet === undefined ? undefined : index.networks.get(gateway.vnet);
    if (!isBasicSku(gateway) || !vnet) continue;
    const transit: Peering[] = index.edgesFrom[vnet.ix]
      .map((e) => e.peering)
      .filter((p) => p.allowsTransit)
      .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
    if (transit.length === 0) continue;
    add(
      "basic-sku-gateway-transit",
      gateway.id,
      transit.map((p) => p.id),
      sentence`${gateway.name} is a Basic SKU gateway, which does not support the gateway transit that ${transit.map((p) => p.name).join(", ")} allow.`,
      {
        resource: gateway.id,
        action: "change",
        text: sentence`Move ${gateway.name} to a VpnGw SKU, or remove ${fieldRef(transit[0].id, "peering.allowsTransit")} from those peerings.`,
      },
    );
  }
  return findings;
}
