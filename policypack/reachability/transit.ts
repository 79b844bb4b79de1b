import { VpnGateway } from "../topology/model";
import { Reason, RuleId } from "./findings";
import { TopologyIndex, isBasicSku, nameOf, peeringBetween } from "./topology-index";

/**
 * Why `spoke` does not use the gateway of `hub` through peering (spec R3, R6), or undefined
 * when it does: both directions peered, transit allowed on the hub side, remote gateways used
 * on the spoke side, and VNet access not disabled on either.
 */
export function transitFailure(
  index: TopologyIndex,
  hub: string,
  spoke: string,
  hubGateway: VpnGateway,
  rule: RuleId,
): Reason | undefined {
  const out = peeringBetween(index, hub, spoke);
  const back = peeringBetween(index, spoke, hub);
  const hubName = nameOf(index, hub);
  const spokeName = nameOf(index, spoke);
  const subject = spokeName;
  if (!out || !back) {
    const present = out ?? back;
    const [from, to] = out ? [spoke, hub] : [hub, spoke];
    return {
      code: "peering-missing-direction",
      rule,
      subject,
      resources: present ? [present.id, from] : [from],
      text: `${nameOf(index, from)} has no peering to ${nameOf(index, to)}; a peering must exist in both directions`,
      fix: `Declare a VirtualNetworkPeering from ${nameOf(index, from)} to ${nameOf(index, to)}${from === spoke ? " with useRemoteGateways" : " with allowGatewayTransit"}.`,
    };
  }
  if (!out.allowVirtualNetworkAccess || !back.allowVirtualNetworkAccess) {
    const off = out.allowVirtualNetworkAccess ? back : out;
    return {
      code: "peering-access-disabled",
      rule,
      subject,
      resources: [off.id],
      text: `${off.name} sets allowVirtualNetworkAccess to false, so ${spokeName} and ${hubName} cannot exchange traffic`,
      fix: `Set allowVirtualNetworkAccess to true on ${off.name}.`,
    };
  }
  if (!out.allowGatewayTransit) {
    return {
      code: "peering-missing-allow-gateway-transit",
      rule,
      subject,
      resources: [out.id],
      text: `${out.name} lacks allowGatewayTransit, so ${spokeName} cannot use ${hubGateway.name}`,
      fix: `Set allowGatewayTransit to true on ${out.name}.`,
    };
  }
  if (!back.useRemoteGateways) {
    return {
      code: "peering-missing-use-remote-gateways",
      rule,
      subject,
      resources: [back.id],
      text: `${back.name} lacks useRemoteGateways, so ${spokeName} does not use ${hubGateway.name}`,
      fix: `Set useRemoteGateways to true on ${back.name}.`,
    };
  }
  if (isBasicSku(hubGateway)) {
    return {
      code: "basic-sku-no-transit",
      rule,
      subject,
      resources: [hubGateway.id],
      text: `${hubGateway.name} is a Basic SKU gateway, which does not support gateway transit to ${spokeName}`,
      fix: `Move ${hubGateway.name} to a VpnGw SKU.`,
    };
  }
  return undefined;
}

/** VNets peered with `vnet` in either direction, in a stable order. */
export function peersOf(index: TopologyIndex, vnet: string): string[] {
  const ids = new Set<string>();
  for (const p of index.peeringsFrom.get(vnet) ?? []) if (p.to !== undefined) ids.add(p.to);
  for (const p of index.peeringsTo.get(vnet) ?? []) ids.add(p.from);
  ids.delete(vnet);
  return [...ids];
}

/** Spokes that reach `hubGateway`'s VNet through gateway transit (R6), i.e. its advertised peers. */
export function transitSpokes(index: TopologyIndex, hubGateway: VpnGateway): string[] {
  const hub = hubGateway.vnet;
  if (hub === undefined) return [];
  return peersOf(index, hub).filter((spoke) => !transitFailure(index, hub, spoke, hubGateway, "R6"));
}
