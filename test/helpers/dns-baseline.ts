import type { Topology } from "../../policypack/topology/model";
import { TopologyBuilder, changed } from "./topology-builder";

export const BLOB = "privatelink.blob.core.windows.net";

/** Spec section 6's compliant baseline: resolver in the hub, zone linked to the hub, hub DNS set to the inbound endpoint, endpoint in a transit spoke. */
export function dnsBaseline(): Topology {
  const t = new TopologyBuilder()
    .vnet("hub", "10.0.0.0/16")
    .vnet("app", "10.1.0.0/16")
    .vnet("iso", "10.9.0.0/16")
    .p2sGateway("hub-gw", "hub")
    .transitPeering("hub", "app")
    .resolver("hub-resolver", "hub", "10.0.5.4")
    .zone(BLOB)
    .zoneLink(BLOB, "hub")
    .privateEndpoint("appdata-blob", "app", [BLOB])
    .build();
  return changed(t, "vnets", "hub", { nameServers: ["10.0.5.4"] });
}
