import type { Problem } from "../pipeline/violation";
import type { StackAnalysis } from "../pipeline/stack-analysis";
import { AZURE_DNS, NEW_PROFILE, dynamicInboundEndpoints } from "../reachability/dns";
import { fieldRef, sentence } from "../topology/sentence";
import type { PolicyModule } from "../pipeline/policy-module";
import { documentationUrl } from "../pipeline/policy-module";

const NAME = "p2s-dns-resolution";

function problems(stack: StackAnalysis): Problem[] {
  const out: Problem[] = [];
  for (const { gateway, vnet, servers, endpoints } of stack.analysis.dns) {
    for (const server of servers) {
      if (server.works || !server.reason || !server.fix) continue;
      out.push({
        resource: server.fix.resource ?? vnet ?? gateway.id,
        code: server.address === AZURE_DNS ? "dns.azure-dns-listed" : "dns.server-unreachable",
        subject: `${gateway.name}/${server.address}`,
        problem: sentence`Clients of ${gateway.name} cannot use the DNS server ${server.address}: ${server.reason}.`,
        fix: server.fix.text,
      });
    }
    for (const endpoint of endpoints) {
      if (endpoint.resolves !== false || !endpoint.reason || !endpoint.fix) continue;
      out.push({
        resource: endpoint.fix.resource ?? vnet ?? gateway.id,
        code: "dns.endpoint-not-resolved",
        subject: `${gateway.name}/${endpoint.name}`,
        problem: sentence`Clients of ${gateway.name} reach the private endpoint ${endpoint.name} but cannot resolve its name: ${endpoint.reason}.`,
        fix: endpoint.fix.text,
      });
    }
  }
  for (const inbound of dynamicInboundEndpoints(stack.analysis.index)) {
    const address = fieldRef(inbound.id, "inbound.address");
    out.push({
      resource: inbound.id,
      code: "dns.dynamic-inbound-endpoint",
      problem: sentence`${inbound.name} takes a dynamic private address, so whether P2S clients reach it and use it cannot be checked before deployment.`,
      fix: sentence`Give ${inbound.name} a static address in ${address}, and list that address as a DNS server of the VNet of the P2S gateway. ${NEW_PROFILE}`,
    });
  }
  return out;
}

export const dnsResolution: PolicyModule = {
  kind: "stack",
  name: NAME,
  description:
    "Checks that P2S clients resolve the names of the private endpoints they reach: DNS servers they can use, 168.63.129.16 never, resolvers whose VNet is linked to the endpoints' zones.",
  enforcementLevel: "advisory",
  severity: "medium",
  tags: ["azure", "p2s-vpn", "dns"],
  url: documentationUrl(NAME),
  remediationSteps:
    "Point the P2S gateway's VNet at a DNS Private Resolver inbound endpoint that clients reach, with a static address, and link the resolver's VNet to the endpoints' privatelink zones.",
  problems,
};
