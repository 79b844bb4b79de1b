import { isBasicSku } from "../topology/gateway";
import type { VpnGateway } from "../topology/model";
import { fieldRef, sentence } from "../topology/sentence";
import type { Reason, RuleId } from "./findings";
import type { Network, TopologyIndex } from "./topology-index";
import { peeringBetween } from "./topology-index";

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
    const flag = fieldRef(from.id, from === spoke ? "peering.usesRemoteGateway" : "peering.allowsTransit");
    return {
      code: "peering-missing-direction",
      rule,
      subject,
      resources: present ? [present.id, from.id] : [from.id],
      text: sentence`${from.name} has no peering to ${to.name}; a peering must exist in both directions`,
      fix: {
        resource: from.id,
        action: "declare",
        text: sentence`Declare a VirtualNetworkPeering from ${from.name} to ${to.name} with ${flag}.`,
      },
    };
  }
  if (!out.allowsAccess || !back.allowsAccess) {
    const off = out.allowsAccess ? back : out;
    const access = fieldRef(off.id, "peering.allowsAccess");
    return {
      code: "peering-access-disabled",
      rule,
      subject,
      resources: [off.id],
      text: sentence`${off.name} sets ${access} to false, so ${spoke.name} and ${hub.name} cannot exchange traffic`,
      fix: { resource: off.id, field: "peering.allowsAccess", action: "set", text: sentence`Set ${access} to true on ${off.name}.` },
    };
  }
  if (!out.allowsTransit) {
    const transit = fieldRef(out.id, "peering.allowsTransit");
    return {
      code: "peering-missing-allow-gateway-transit",
      rule,
      subject,
      resources: [out.id],
      text: sentence`${out.name} lacks ${transit}, so ${spoke.name} cannot use ${hubGateway.name}`,
      fix: { resource: out.id, field: "peering.allowsTransit", action: "set", text: sentence`Set ${transit} to true on ${out.name}.` },
    };
  }
  if (!back.usesRemoteGateway) {
    const remote = fieldRef(back.id, "peering.usesRemoteGateway");
    return {
      code: "peering-missing-use-remote-gateways",
      rule,
      subject,
      resources: [back.id],
      text: sentence`${back.name} lacks ${remote}, so ${spoke.name} does not use ${hubGateway.name}`,
      fix: { resource: back.id, field: "peering.usesRemoteGateway", action: "set", text: sentence`Set ${remote} to true on ${back.name}.` },
    };
  }
  if (isBasicSku(hubGateway)) {
    return {
      code: "basic-sku-no-transit",
      rule,
      subject,
      resources: [hubGateway.id],
      text: sentence`${hubGateway.name} is a Basic SKU gateway, which does not support gateway transit to ${spoke.name}`,
      fix: { resource: hubGateway.id, action: "change", text: sentence`Move ${hubGateway.name} to a VpnGw SKU.` },
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
