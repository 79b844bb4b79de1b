import { isBasicSku, isP2sGateway } from "../topology/gateway";
import type { Peering } from "../topology/model";
import { compareText, joinList } from "../topology/order";
import type { Fix, Sentence } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { Finding } from "../reachability/findings";
import type { PeeringEdge, TopologyIndex } from "../reachability/topology-index";
import { nameOf, peeringBetween } from "../reachability/topology-index";
import { finding } from "../reachability/findings";

/** Spec section 4: peering and gateway-transit settings that break P2S reachability. */
export function checkGatewayTransit(index: TopologyIndex): Finding[] {
  const findings: Finding[] = [];
  for (const edge of index.edges) addPeeringFindings(index, edge, findings);
  return [...findings, ...multipleRemoteGateways(index), ...basicSkuTransit(index)];
}

function transitFinding(code: Finding["code"], resource: string, related: string[], problem: Sentence, fix: Fix): Finding {
  return finding("gateway-transit", { code, resource, related, problem, fix });
}

/** One peering direction: no way back, or remote gateways used where there is none, or no transit, or an own gateway. */
function addPeeringFindings(index: TopologyIndex, { peering, from, to }: PeeringEdge, findings: Finding[]): void {
  if (!to) return;
  const local = from ? from.name : nameOf(index, peering.from);
  const remote = to.name;
  const back = from ? peeringBetween(index, to, from) : undefined;
  const usesRemote = fieldRef(peering.id, "peering.usesRemoteGateway");
  if (!back && from) {
    findings.push(
      transitFinding(
        "one-way-peering",
        peering.id,
        [to.id],
        sentence`${peering.name} peers ${local} with ${remote}, but ${remote} has no peering back to ${local}, so the peering stays Initiated and carries no traffic.`,
        { resource: to.id, action: "declare", text: sentence`Declare a VirtualNetworkPeering from ${remote} to ${local}.` },
      ),
    );
  }
  if (!peering.usesRemoteGateway) return;
  const stopUsing = (alternative: string): Fix => ({
    resource: peering.id,
    field: "peering.usesRemoteGateway",
    action: "set",
    text: sentence`Set ${usesRemote} to false on ${peering.name}, or ${alternative}.`,
  });
  const remoteGateways = index.gatewaysByVnet.get(to.id) ?? [];
  if (remoteGateways.length === 0) {
    findings.push(
      transitFinding(
        "use-remote-gateways-without-gateway",
        peering.id,
        [to.id],
        sentence`${peering.name} sets ${usesRemote}, but ${remote} has no VPN gateway, so Azure rejects the peering.`,
        stopUsing(`deploy the gateway in ${remote} first`),
      ),
    );
  } else if (back && !back.allowsTransit) {
    const transit = fieldRef(back.id, "peering.allowsTransit");
    findings.push(
      transitFinding(
        "use-remote-gateways-without-transit",
        back.id,
        [peering.id],
        sentence`${peering.name} sets ${usesRemote}, but ${back.name} does not set ${transit}, so ${local} cannot use the gateway of ${remote}.`,
        { resource: back.id, field: "peering.allowsTransit", action: "set", text: sentence`Set ${transit} to true on ${back.name}.` },
      ),
    );
  }
  const ownGateways = index.gatewaysByVnet.get(peering.from) ?? [];
  if (ownGateways.length > 0) {
    findings.push(
      transitFinding(
        "own-gateway-and-remote-gateway",
        peering.id,
        ownGateways.map((g) => g.id),
        sentence`${peering.name} sets ${usesRemote}, but ${local} has its own gateway, and a VNet cannot use both.`,
        stopUsing(`remove the gateway from ${local}`),
      ),
    );
  }
}

/**
 * A VNet uses one remote gateway at most: every peering that asks for one but the one to keep,
 * which is the peering to a P2S gateway's VNet (what this pack is about), else to any gateway's,
 * else the first by name.
 */
function multipleRemoteGateways(index: TopologyIndex): Finding[] {
  const findings: Finding[] = [];
  const rank = (p: Peering) => {
    const gateways = p.to === undefined ? [] : (index.gatewaysByVnet.get(p.to) ?? []);
    return gateways.some(isP2sGateway) ? 0 : gateways.length > 0 ? 1 : 2;
  };
  for (const vnet of index.networkList) {
    const remote = index.edgesFrom[vnet.ix]
      .map((e) => e.peering)
      .filter((p) => p.usesRemoteGateway)
      .sort((a, b) => rank(a) - rank(b) || compareText(a.name, b.name));
    for (const extra of remote.slice(1)) {
      findings.push(
        transitFinding(
          "multiple-remote-gateways",
          extra.id,
          remote.filter((p) => p !== extra).map((p) => p.id),
          sentence`${vnet.name} uses remote gateways through ${joinList(remote.map((p) => p.name).sort(compareText))}, but a VNet can use only one.`,
          {
            resource: extra.id,
            field: "peering.usesRemoteGateway",
            action: "set",
            text: sentence`Keep ${fieldRef(remote[0].id, "peering.usesRemoteGateway")} on ${remote[0].name} only and set it to false on ${extra.name}.`,
          },
        ),
      );
    }
  }
  return findings;
}

/** Basic SKU gateways whose VNet's peerings allow a transit they do not support. */
function basicSkuTransit(index: TopologyIndex): Finding[] {
  const findings: Finding[] = [];
  for (const gateway of index.topology.gateways) {
    const vnet = gateway.vnet === undefined ? undefined : index.networks.get(gateway.vnet);
    if (!isBasicSku(gateway) || !vnet) continue;
    const transit: Peering[] = index.edgesFrom[vnet.ix]
      .map((e) => e.peering)
      .filter((p) => p.allowsTransit)
      .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
    if (transit.length === 0) continue;
    findings.push(
      transitFinding(
        "basic-sku-gateway-transit",
        gateway.id,
        transit.map((p) => p.id),
        sentence`${gateway.name} is a Basic SKU gateway, which does not support the gateway transit that ${transit.map((p) => p.name).join(", ")} allow.`,
        {
          resource: gateway.id,
          action: "change",
          text: sentence`Move ${gateway.name} to a VpnGw SKU, or remove ${fieldRef(transit[0].id, "peering.allowsTransit")} from those peerings.`,
        },
      ),
    );
  }
  return findings;
}
