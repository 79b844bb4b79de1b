import type { Platform, VpnGateway } from "../../topology/model";
import { joinList } from "../../topology/order";
import { fieldRef, sentence } from "../../topology/sentence";
import type { Finding, Reason } from "../findings";
import { PLATFORM_LABELS, skuSupports } from "../platforms";
import type { GatewayAnalysis } from "../results";
import type { TopologyIndex } from "../topology-index";

/** Spec section 4: P2S on a policy-based gateway, protocols the SKU lacks. */
export function checkProtocols(index: TopologyIndex, gateways: GatewayAnalysis[]): Finding[] {
  const findings: Finding[] = [];
  for (const analysis of gateways) {
    const gateway = index.gateways.get(analysis.id) as VpnGateway;
    if (gateway.routing.toLowerCase() === "policybased") {
      findings.push({
        category: "client-protocols",
        code: "policy-based-p2s",
        resource: gateway.id,
        related: [],
        problem: sentence`${gateway.name} is PolicyBased but declares a Point-to-Site configuration, which only RouteBased gateways support.`,
        fix: {
          resource: gateway.id,
          field: "gateway.routing",
          action: "set",
          text: sentence`Set ${fieldRef(gateway.id, "gateway.routing")} to RouteBased on ${gateway.name}.`,
        },
      });
    }
    const unsupported = (gateway.protocols ?? []).filter((p) => !skuSupports(gateway, p));
    if (unsupported.length > 0) {
      findings.push({
        category: "client-protocols",
        code: "protocol-not-supported-by-sku",
        resource: gateway.id,
        related: [],
        problem: sentence`${gateway.name} lists ${unsupported.join(", ")}, which its ${gateway.sku ?? ""} SKU does not support (SSTP only).`,
        fix: {
          resource: gateway.id,
          field: "gateway.protocols",
          action: "change",
          text: sentence`Move ${gateway.name} to a VpnGw SKU, or list only SSTP in ${fieldRef(gateway.id, "gateway.protocols")}.`,
        },
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
      problem: sentence`${labels} clients cannot connect to ${analysis.name}, whose protocols are ${analysis.protocols.join(", ")}${analysis.protocolsAssumed ? " (Azure's default)" : ""}.`,
      // Only platforms blocked for want of a protocol are missing, and that reason always says how to fix it.
      fix: (analysis.platforms[missing[0]].blockedBy as Reason).fix,
    });
  }
  return findings;
}
