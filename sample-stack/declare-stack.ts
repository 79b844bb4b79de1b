import * as pulumi from "@pulumi/pulumi";
import { StackBuilder } from "./building-blocks";
import { ClassicStackBuilder } from "./classic-blocks";
import type { NetworkBuilder } from "./network-builder";
import { declareClassicVirtualWan, declareVirtualWan } from "./virtual-wan";

/** The scenarios `pulumi config set scenario` (or `npm start -- --scenario`) chooses from. */
export const SCENARIOS = [
  "hub",
  "pci-leak",
  "entra",
  "mixed-clients",
  "sstp-openvpn",
  "dns-broken",
  "asymmetric",
  "nsg-blocked",
  "classic",
  "vwan",
  "vwan-secured",
  "vwan-classic",
  "1",
  "2",
  "3",
  "4",
  "5",
  "6",
  "7",
  "8",
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export function isScenario(value: string): value is Scenario {
  return (SCENARIOS as readonly string[]).includes(value);
}

const POOL = "192.168.0.0/24";

/** Declares one scenario's resources and returns them all; `classic` is the hub written with @pulumi/azure. */
export function declareStack(scenario: Scenario, config = new pulumi.Config()): pulumi.Resource[] {
  if (scenario === "vwan" || scenario === "vwan-secured") return declareVirtualWan(scenario === "vwan-secured");
  if (scenario === "vwan-classic") return declareClassicVirtualWan();
  if (scenario === "classic") {
    const classic = new ClassicStackBuilder(config);
    declareHub(classic, { leak: false, clients: "certificates" });
    return classic.resources;
  }
  const b = new StackBuilder(config);
  if (scenario === "hub" || scenario === "pci-leak") declareHub(b, { leak: scenario === "pci-leak", clients: "certificates" });
  else if (scenario === "dns-broken") declareHub(b, { leak: false, clients: "certificates", dnsBroken: true });
  else if (scenario === "asymmetric" || scenario === "nsg-blocked")
    declareHub(b, { leak: false, clients: "certificates", paths: scenario });
  else if (scenario === "entra" || scenario === "mixed-clients" || scenario === "sstp-openvpn")
    declareHub(b, { leak: false, clients: scenario });
  else declareSeed(b, Number(scenario));
  return b.resources;
}

/** One of the seed's eight topologies, written with azure-native or with the classic provider. */
export function declareSeedStack(n: number, provider: "azure-native" | "azure", config = new pulumi.Config()): pulumi.Resource[] {
  const b = provider === "azure" ? new ClassicStackBuilder(config) : new StackBuilder(config);
  declareSeed<unknown, unknown, unknown, unknown>(b as NetworkBuilder<unknown, unknown, unknown, unknown>, n);
  return b.resources;
}

/**
 * The default: a hub with a P2S gateway, two spokes using it through gateway transit, a branch
 * office over BGP (Windows users need a route for it), and a PCI network P2S users must not reach.
 * `pci-leak` lets the PCI network use the hub's gateway, which the intent forbids. The same hub
 * with other clients: `entra`, OpenVPN with Microsoft Entra ID (only the Azure VPN Client, on
 * Windows and macOS, so the intents are about those); `mixed-clients`, IKEv2 and OpenVPN with
 * certificates (the Windows built-in client next to clients that receive their routes);
 * `sstp-openvpn`, SSTP and OpenVPN together, which Azure rejects at deployment. The spoke app holds
 * a storage account's private endpoint that the hub's DNS Private Resolver answers; `dns-broken`
 * leaves the hub on Azure-provided DNS, so clients cannot resolve it. An Azure Firewall in the hub
 * filters P2S traffic to the spokes both ways (the GatewaySubnet's route table sends the spokes to
 * it, the spokes' send the pool back to it) and their NSGs allow HTTPS from the pool, which the
 * gateway's tag requires of app; `asymmetric` sends app's replies through the firewall while the
 * requests arrive directly, and `nsg-blocked` has app's NSG deny the pool HTTPS.
 */
function declareHub<V, S, G, L>(
  b: NetworkBuilder<V, S, G, L>,
  options: {
    leak: boolean;
    clients: "certificates" | "entra" | "mixed-clients" | "sstp-openvpn";
    dnsBroken?: boolean;
    paths?: "asymmetric" | "nsg-blocked";
  },
): void {
  const entra = options.clients === "entra";
  const narrow = (tags: Record<string, string>) => (entra ? { ...tags, "p2s-platforms": "windows,macos" } : tags);
  const protocols = {
    certificates: ["IkeV2"],
    entra: ["OpenVPN"],
    "mixed-clients": ["IkeV2", "OpenVPN"],
    "sstp-openvpn": ["SSTP", "OpenVPN"],
  }[options.clients];
  // The hub's resolver answers the spoke's private endpoint; `dns-broken` leaves the hub on Azure-provided DNS.
  const inbound = "10.0.5.4";
  const dnsServers = b.privateEndpointDns && !options.dnsBroken ? [inbound] : undefined;
  const pool = "172.16.201.0/24";
  const firewallSubnet = b.throughFirewall ? "10.0.3.0/26" : undefined;
  const hub = b.vnet("hub", "10.0.0.0/16", { gatewaySubnet: "10.0.255.0/27", dnsServers, firewallSubnet });
  const gw = b.gateway("hub-gw", hub.subnet!, {
    asn: 65010,
    p2sPool: pool,
    protocols,
    entra,
    // Users must reach app's web servers on HTTPS (through the firewall where the provider's paths are read).
    tags: narrow({ "p2s-reach": b.throughFirewall ? "app:443,data" : "app,data" }),
  });
  const app = b.vnet("app", "10.1.0.0/16", { tags: narrow({ "p2s-access": "required" }) });
  const data = b.vnet("data", "10.2.0.0/16");
  const pci = b.vnet("pci", "10.9.0.0/16", { tags: narrow({ "p2s-access": "forbidden" }) });
  const leak = options.leak;
  b.peerPair("hub", hub.vnet, "app", app.vnet, true, gw);
  b.peerPair("hub", hub.vnet, "data", data.vnet, true, gw);
  b.peerPair("hub", hub.vnet, "pci", pci.vnet, leak, gw);
  const branch = b.site("branch", "10.101.0.0/16", { asn: 65101, tags: narrow({ "p2s-access": "required" }) });
  b.s2s("hub-gw", gw, "branch", branch, true);
  const appFilters = b.throughFirewall?.("hub", "app", app.vnet, "10.1.0.0/16", {
    pool,
    subnet: { name: "web", prefix: "10.1.2.0/24" },
    mode: options.paths === "asymmetric" ? "asymmetric" : "symmetric",
    denyPool: options.paths === "nsg-blocked",
  });
  b.throughFirewall?.("hub", "data", data.vnet, "10.2.0.0/16", {
    pool,
    subnet: { name: "workloads", prefix: "10.2.1.0/24" },
    mode: "symmetric",
  });
  b.privateEndpointDns?.(hub.vnet, "hub", app.vnet, "app", inbound, appFilters);
}

/** The seed document's eight topologies (spec section 3): vnet1..vnet4 and site1. */
function declareSeed<V, S, G, L>(b: NetworkBuilder<V, S, G, L>, n: number): void {
  const bgp = n === 4 || n === 6 || n === 8;
  const asn = (i: number) => (bgp ? 65000 + i : undefined);
  const vnet1 = b.vnet("vnet1", "10.1.0.0/16", { gatewaySubnet: "10.1.255.0/27" });
  const gw1 = b.gateway("vnet1-gw", vnet1.subnet!, { asn: asn(1), p2sPool: POOL });
  if (n === 2) {
    const vnet2 = b.vnet("vnet2", "10.2.0.0/16");
    const vnet3 = b.vnet("vnet3", "10.3.0.0/16");
    const vnet4 = b.vnet("vnet4", "10.4.0.0/16");
    b.peerPair("vnet1", vnet1.vnet, "vnet2", vnet2.vnet, true, gw1);
    b.peerPair("vnet1", vnet1.vnet, "vnet4", vnet4.vnet, true, gw1);
    b.peerPair("vnet2", vnet2.vnet, "vnet3", vnet3.vnet, false);
  }
  if (n === 3 || n === 4 || n === 7 || n === 8) {
    const vnet2 = b.vnet("vnet2", "10.2.0.0/16", { gatewaySubnet: "10.2.255.0/27" });
    const vnet3 = b.vnet("vnet3", "10.3.0.0/16", { gatewaySubnet: "10.3.255.0/27" });
    const gw2 = b.gateway("vnet2-gw", vnet2.subnet!, { asn: asn(2) });
    const gw3 = b.gateway("vnet3-gw", vnet3.subnet!, { asn: asn(3) });
    b.vnet2vnet("vnet1-gw", gw1, "vnet2-gw", gw2, bgp);
    b.vnet2vnet("vnet2-gw", gw2, "vnet3-gw", gw3, bgp);
    if (n >= 7) b.s2s("vnet3-gw", gw3, "site1", b.site("site1", "10.101.0.0/16", { asn: asn(101) }), bgp);
  }
  if (n === 5 || n === 6) b.s2s("vnet1-gw", gw1, "site1", b.site("site1", "10.101.0.0/16", { asn: asn(101) }), bgp);
}
