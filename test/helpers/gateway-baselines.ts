import type { Topology, VpnGateway } from "../../policypack/topology/model";
import { TopologyBuilder, changed } from "./topology-builder";

export const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

/**
 * A hub whose gateway and branch site Azure accepts and whose features are current: a RouteBased
 * VpnGw2AZ Generation2 gateway with IKEv2 and OpenVPN, a root certificate (no list of authentication
 * types, so Certificate is inferred), BGP on 65010, and a branch on 65101 over BGP. Baseline of the
 * resource policies p2s-gateway-settings and p2s-retired-features.
 */
export function compliantHub(): Topology {
  return new TopologyBuilder()
    .vnet("hub", "10.0.0.0/16")
    .p2sGateway("hub-gw", "hub", {
      sku: "VpnGw2AZ",
      generation: "Generation2",
      bgp: true,
      asn: 65010,
      clientPool: ["172.16.201.0/24"],
      protocols: ["IkeV2", "OpenVPN"],
    })
    .site("branch", ["10.101.0.0/16"], 65101)
    .s2s("hub-gw", "branch", true)
    .build();
}

/** The compliant hub with Microsoft Entra ID over OpenVPN, set as Azure's documentation says. */
export function compliantEntraHub(): Topology {
  return changed(compliantHub(), "gateways", "hub-gw", {
    protocols: ["OpenVPN"],
    authTypes: ["AAD"],
    authSettings: { aad: true, radius: false, certificates: false },
    aad: {
      tenant: `https://login.microsoftonline.com/${TENANT}/`,
      issuer: `https://sts.windows.net/${TENANT}/`,
      audience: "c632b3df-fb67-4d84-bdcf-b95ad541b5c8",
    },
  });
}

/** A copy of `topology` with hub-gw changed. */
export function withHubGateway(topology: Topology, patch: Partial<VpnGateway>): Topology {
  return changed(topology, "gateways", "hub-gw", patch);
}

/** A copy of `topology` with hub-gw's Microsoft Entra ID settings changed. */
export function withEntra(topology: Topology, patch: NonNullable<VpnGateway["aad"]>): Topology {
  const gateway = topology.gateways.find((g) => g.id === "hub-gw");
  return withHubGateway(topology, { aad: { ...gateway?.aad, ...patch } });
}
