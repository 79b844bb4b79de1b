import { fieldRef, sentence } from "../topology/sentence";
import type { Finding } from "../reachability/findings";
import { AZURE_DNS, NEW_PROFILE, dynamicInboundEndpoints } from "../reachability/dns";
import type { GatewayDns } from "../reachability/results";
import type { TopologyIndex } from "../reachability/topology-index";
import { finding } from "../reachability/findings";

/** DNS servers P2S clients cannot use, private endpoints whose names they cannot resolve, inbound endpoints that cannot be checked (D1-D8). */
export function checkDns(index: TopologyIndex, dns: readonly GatewayDns[]): Finding[] {
  const out: Finding[] = [];
  const add = (f: Parameters<typeof finding>[1]) => out.push(finding("dns-resolution", f));
  for (const { gateway, vnet, servers, endpoints } of dns) {
    for (const server of servers) {
      if (server.works || !server.reason || !server.fix) continue;
      add({
        resource: server.fix.resource ?? vnet ?? gateway.id,
        code: server.address === AZURE_DNS ? "azure-dns-listed" : "server-unreachable",
        subject: `${gateway.name}/${server.address}`,
        problem: sentence`Clients of ${gateway.name} cannot use the DNS server ${server.address}: ${server.reason}.`,
        fix: server.fix,
      });
    }
    for (const endpoint of endpoints) {
      if (endpoint.resolves !== false || !endpoint.reason || !endpoint.fix) continue;
      add({
        resource: endpoint.fix.resource ?? vnet ?? gateway.id,
        code: "endpoint-not-resolved",
        subject: `${gateway.name}/${endpoint.name}`,
        problem: sentence`Clients of ${gateway.name} reach the private endpoint ${endpoint.name} but cannot resolve its name: ${endpoint.reason}.`,
        fix: endpoint.fix,
      });
    }
  }
  for (const inbound of dynamicInboundEndpoints(index)) {
    const address = fieldRef(inbound.id, "inbound.address");
    add({
      resource: inbound.id,
      code: "dynamic-inbound-endpoint",
      problem: sentence`${inbound.name} takes a dynamic private address, so whether P2S clients reach it and use it cannot be checked before deployment.`,
      fix: {
        resource: inbound.id,
        field: "inbound.address",
        action: "set",
        text: sentence`Give ${inbound.name} a static address in ${address}, and list that address as a DNS server of the VNet of the P2S gateway. ${NEW_PROFILE}`,
      },
    });
  }
  return out;
}
