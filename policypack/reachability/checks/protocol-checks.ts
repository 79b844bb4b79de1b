import { Platform, VpnGateway } from "../../topology/model";
import { joinList } from "../../topology/order";
import { Finding } from "../findings";
import { GatewayAnalysis } from "../engine";
import { PLATFORM_LABELS, skuSupports } from "../platforms";
import { TopologyIndex } from "../topology-index";

/** Spec section 4: P2S on a policy-based gateway, protocols the SKU lacks. */
export function checkProtocols(index: TopologyIndex, gateways: GatewayAnalysis[]): Finding[] {
  const findings: Finding[] = [];
  for (const analysis of gateways) {
    const gateway = index.gateways.get(analysis.id) as VpnGateway;
    if (gateway.vpnType.toLowerCase() === "policybased") {
      findings.push({
        category: "client-protocols",
        code: "policy-based-p2s",
        resource: gateway.id,
        related: [],
        problem: `${gateway.name} is PolicyBased but declares a Point-to-Site configuration, which only RouteBased gateways support.`,
        fix: `Set vpnType to RouteBased on ${gateway.name}.`,
      });
    }
    const unsupported = (gateway.protocols ?? []).filter((p) => !skuSupports(gateway, p));
    if (unsupported.length > 0) {
      findings.push({
        category: "client-protocols",
        code: "protocol-not-supported-by-sku",
        resource: gateway.id,
        related: [],
        problem: `${gateway.name} lists ${unsupported.join(", ")}, which its ${gateway.sku} SKU does not support (SSTP only).`,
        fix: `Move ${gateway.name} to a VpnGw SKU, or list only SSTP in vpnClientProtocols.`,
      });
    }
  }
  return findings;
}

/** Platforms the user requires that a gateway's protocols do not serve. */
export function checkRequiredPlatforms(gateways: GatewayAnalysis[], required: readonly Platform[]): Finding[] {
  const findings: Finding[] = [];
  for (const analysis of gateways) {
    const missing = required.filter((p) => analysis.platforms[p].blockedBy?.code === "no-protocol-for-platform");
    if (missing.length === 0) continue;
    const labels = joinList(missing.map((p) => PLATFORM_LABELS[p]));
    findings.push({
      category: "client-protocols",
      code: "platform-not-served",
      resource: analysis.id,
      related: [],
      problem: `${labels} clients cannot connect to ${analysis.name}, whose protocols are ${analysis.protocols.join(", ")}${analysis.protocolsAssumed ? " (Azure's default)" : ""}.`,
      fix: analysis.platforms[missing[0]].blockedBy?.fix ?? `Add IkeV2 or OpenVPN to vpnClientProtocols of ${analysis.name}.`,
    });
  }
  return findings;
}
