import { VpnGateway } from "../topology/model";
import { Reason, RuleId } from "./findings";
import { Network, TopologyIndex, isBasicSku, peeringBetween } from "./topology-index";

/**
 * Why `spoke` does not use the gateway of `hub` through peering (spec R3, R6), or undefined
 * when it does: both directions peered, transit allowed on the hub side, remote gateways used
 * on the spoke side, and VNet access not disabled on either.
 */
export function transitFailure(
  index: TopologyIndex,
  hub: Network,
  spoke: Network,
  hubGateway: VpnGateway,
  rule: RuleId,
): Reason | undefined {
  const out = peeringBetween(index, hub, spoke);
  const back = peeringBetween(index, spoke, hub);
  const subject = spoke.name;
  if (!out || !back) {
    const present = out ?? back;
    const [from, to] = out ? [spoke, hub] : [hub, spoke];
    return {
      code: "peering-missing-direction",
      rule,
      subject,
      resources: present ? [present.id, from.id] : [from.id],
      text: `${from.name} has no peering to ${to.name}; a peering must exist in both directions`,
      fix: `Declare a VirtualNetworkPeering from ${from.name} to ${to.name}${from === spoke ? " with useRemoteGateways" : " with allowGatewayTransit"}.`,
    };
  }
  if (!out.allowVirtualNetworkAccess || !back.allowVirtualNetworkAccess) {
    const off = out.allowVirtualNetworkAccess ? back : out;
    return {
      code: "peering-access-disabled",
      rule,
      subject,
      resources: [off.id],
      text: `${off.name} sets allowVirtualNetworkAccess to false, so ${spoke.name} and ${hub.name} cannot exchange traffic`,
      fix: `Set allowVirtualNetworkAccess to true on ${off.name}.`,
    };
  }
  if (!out.allowGatewayTransit) {
    return {
      code: "peering-missing-allow-gateway-transit",
      rule,
      subject,
      resources: [out.id],
      text: `${out.name} lacks allowGatewayTransit, so ${spoke.name} cannot use ${hubGateway.name}`,
      fix: `Set allowGatewayTransit to true on ${out.name}.`,
    };
  }
  if (!back.useRemoteGateways) {
    return {
      code: "peering-missing-use-remote-gateways",
      rule,
      subject,
      resources: [back.id],
      text: `${back.name} lacks useRemoteGateways, so ${spoke.name} does not use ${hubGateway.name}`,
      fix: `Set useRemoteGateways to true on ${back.name}.`,
    };
  }
  if (isBasicSku(hubGateway)) {
    return {
      code: "basic-sku-no-transit",
      rule,
      subject,
      resources: [hubGateway.id],
      text: `${hubGateway.name} is a Basic SKU gateway, which does not support gateway transit to ${spoke.name}`,
      fix: `Move ${hubGateway.name} to a VpnGw SKU.`,
    };
  }
  return undefined;
}

/** Networks peered with `vnet` in either direction, each once, in a stable order. */
export function peersOf(index: TopologyIndex, vnet: Network): Network[] {
  const peers = new Set<Network>();
  for (const e of index.edgesFrom[vnet.ix]) if (e.to !== undefined) peers.add(e.to);
  for (const e of index.edgesTo[vnet.ix]) if (e.from !== undefined) peers.add(e.from);
  peers.delete(vnet);
  return [...peers];
}

/** Spokes that reach `hubGateway`'s VNet through gateway transit (R6), i.e. its advertised peers. */
export function transitSpokes(index: TopologyIndex, hub: Network, hubGateway: VpnGateway): Network[] {
  return peersOf(index, hub).filter((spoke) => !transitFailure(index, hub, spoke, hubGateway, "R6"));
}
