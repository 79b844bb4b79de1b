import type { AnalyzerInput } from "../../offline/analyzer-client";
import { analyzerInputToRaw } from "../../offline/analyzer-client";
import { UNKNOWN } from "../../policypack/extract/plain";
import { analyzeResources } from "../../policypack/pipeline/stack-analysis";
import { dnsLines } from "../../policypack/report/dns-lines";
import { buildReport } from "../../policypack/report/report-model";
import { InProcessPack } from "../helpers/in-process-pack";
import { sampleInputs, withProperties } from "../helpers/sample-inputs";

/**
 * Spec section 6 through @pulumi/policy's AnalyzeStack handler, on the sample hub as a brand-new
 * stack sends it (every id unknown, references only in propertyDependencies): one change per test.
 */
const pack = new InProcessPack();
beforeEach(() => pack.configure());

const BLOB = "privatelink.blob.core.windows.net";
/** R8: every fix that changes what clients receive ends with this. */
const NEW_PROFILE = "Users then need a new client profile: download it and import it on every device.";

async function dnsFindings(inputs: AnalyzerInput[]): Promise<string[]> {
  return (await pack.run(inputs))
    .filter((s) => s.policy === "p2s-dns-resolution" || s.policy === "p2s-intended-access")
    .map((s) => `${s.level} ${s.policy} ${s.resource}: ${s.message}`);
}

/** The DNS lines of hub-gw in the report p2s-check and the preview print. */
function reportedDns(inputs: AnalyzerInput[]): string[] {
  const report = buildReport(analyzeResources(inputs.map(analyzerInputToRaw)));
  return dnsLines(report.gateways.find((g) => g.name === "hub-gw") as (typeof report.gateways)[number]);
}

const hub = () => sampleInputs("hub", "preview");
const classic = () => sampleInputs("classic", "preview");
const NOT_KNOWN = [
  "DNS: not checked, the DNS servers of hub are not known until deployment",
  `Private endpoint appdata-blob: not checked, the DNS servers of hub are not known until deployment, so whether they answer ${BLOB} is not checked`,
];

/** The classic provider's resource that sets the DNS servers of the sample's hub, in place of the VNet's own list. */
function withDnsServersResource(inputs: AnalyzerInput[], dnsServers: unknown[]): AnalyzerInput[] {
  const vnet = inputs.find((r) => r.name === "hub") as AnalyzerInput;
  const type = "azure:network/virtualNetworkDnsServers:VirtualNetworkDnsServers";
  const resource: AnalyzerInput = {
    type,
    urn: vnet.urn.replace(vnet.type, type).replace(/::hub$/, "::hub-dns"),
    name: "hub-dns",
    properties: { virtualNetworkId: UNKNOWN, dnsServers },
    dependencies: [vnet.urn],
    propertyDependencies: { virtualNetworkId: [vnet.urn], dnsServers: [] },
  };
  return [...withProperties(inputs, "hub", { dnsServers: null }), resource];
}
const without = (inputs: AnalyzerInput[], name: string) => inputs.filter((r) => r.name !== name);

describe("p2s-dns-resolution in a brand-new stack's preview", () => {
  it("passes the sample hub: the inbound endpoint is the hub's DNS server and its VNet is linked to the zone", async () => {
    expect(await dnsFindings(await hub())).toEqual([]);
  });

  it("D3: reports 168.63.129.16 listed on the hub, and the endpoint it leaves unresolved", async () => {
    expect(await dnsFindings(withProperties(await hub(), "hub", { dhcpOptions: { dnsServers: ["168.63.129.16"] } }))).toEqual([
      `advisory p2s-dns-resolution hub: Clients of hub-gw cannot use the DNS server 168.63.129.16: 168.63.129.16, Azure's own DNS, answers only inside Azure VNets and never over a Point-to-Site connection. Set dhcpOptions.dnsServers of hub to 10.0.5.4, the inbound endpoint of hub-resolver. ${NEW_PROFILE}`,
      `advisory p2s-dns-resolution hub: Clients of hub-gw reach the private endpoint appdata-blob but cannot resolve its name: no DNS server of hub that P2S clients reach answers ${BLOB}. Set dhcpOptions.dnsServers of hub to 10.0.5.4, the inbound endpoint of hub-resolver, whose VNet is linked to ${BLOB}. ${NEW_PROFILE}`,
    ]);
  });

  it("D1: leaves DNS not checked, with no violation, when the hub's DNS server comes from another resource's outputs, unknown until deployment", async () => {
    const inputs = withProperties(await hub(), "hub", { dhcpOptions: { dnsServers: [UNKNOWN] } });
    expect({ findings: await dnsFindings(inputs), report: reportedDns(inputs) }).toEqual({ findings: [], report: NOT_KNOWN });
  });

  it("D1: leaves DNS not checked in the classic provider when the VNet's dnsServers are unknown until deployment", async () => {
    const inputs = withProperties(await classic(), "hub", { dnsServers: [UNKNOWN] });
    expect({ findings: await dnsFindings(inputs), report: reportedDns(inputs) }).toEqual({ findings: [], report: NOT_KNOWN });
  });

  it("D1: leaves DNS not checked in the classic provider when a VirtualNetworkDnsServers resource's dnsServers are unknown until deployment", async () => {
    const inputs = withDnsServersResource(await classic(), [UNKNOWN]);
    expect({ findings: await dnsFindings(inputs), report: reportedDns(inputs) }).toEqual({ findings: [], report: NOT_KNOWN });
  });

  it("D3: reports against the classic VirtualNetworkDnsServers resource that lists 168.63.129.16, naming it and its dnsServers in the fix", async () => {
    expect(await dnsFindings(withDnsServersResource(await classic(), ["168.63.129.16"]))).toEqual([
      `advisory p2s-dns-resolution hub-dns: Clients of hub-gw cannot use the DNS server 168.63.129.16: 168.63.129.16, Azure's own DNS, answers only inside Azure VNets and never over a Point-to-Site connection. Set dnsServers of hub-dns to 10.0.5.4, the inbound endpoint of hub-resolver. ${NEW_PROFILE}`,
      `advisory p2s-dns-resolution hub-dns: Clients of hub-gw reach the private endpoint appdata-blob but cannot resolve its name: no DNS server of hub that P2S clients reach answers ${BLOB}. Set dnsServers of hub-dns to 10.0.5.4, the inbound endpoint of hub-resolver, whose VNet is linked to ${BLOB}. ${NEW_PROFILE}`,
    ]);
  });

  it("D4: reports a DNS server outside every network the clients reach", async () => {
    const found = await dnsFindings(withProperties(await hub(), "hub", { dhcpOptions: { dnsServers: ["10.200.0.4"] } }));
    expect(found[0]).toEqual(
      `advisory p2s-dns-resolution hub: Clients of hub-gw cannot use the DNS server 10.200.0.4: P2S clients of hub-gw reach no network that holds 10.200.0.4. Set dhcpOptions.dnsServers of hub to 10.0.5.4, the inbound endpoint of hub-resolver. ${NEW_PROFILE}`,
    );
  });

  it("D5: reports the zone when the resolver's VNet is not linked to it", async () => {
    expect(await dnsFindings(without(await hub(), "blob-zone-hub"))).toEqual([
      `advisory p2s-dns-resolution blob-zone: Clients of hub-gw reach the private endpoint appdata-blob but cannot resolve its name: no DNS server of hub that P2S clients reach answers ${BLOB}. Link ${BLOB} to the VNet of hub-resolver, whose inbound endpoint 10.0.5.4 the clients already use.`,
    ]);
  });

  it("D6: reports the endpoint when it has no DNS zone group", async () => {
    expect(await dnsFindings(without(await hub(), "appdata-blob-zones"))).toEqual([
      "advisory p2s-dns-resolution appdata-blob: Clients of hub-gw reach the private endpoint appdata-blob but cannot resolve its name: appdata-blob is in no private DNS zone (it has no zone group). Give appdata-blob a private DNS zone group that puts it in its privatelink zone.",
    ]);
  });

  it("D8: reports an inbound endpoint with a dynamic address", async () => {
    const inputs = await hub();
    const inbound = inputs.find((r) => r.name === "hub-resolver-inbound") as AnalyzerInput;
    const configs = (inbound.properties.ipConfigurations as Record<string, unknown>[]).map((c) => ({
      subnet: c.subnet,
      privateIpAllocationMethod: "Dynamic",
    }));
    expect(await dnsFindings(withProperties(inputs, "hub-resolver-inbound", { ipConfigurations: configs }))).toEqual([
      `advisory p2s-dns-resolution hub-resolver-inbound: hub-resolver-inbound takes a dynamic private address, so whether P2S clients reach it and use it cannot be checked before deployment. Give hub-resolver-inbound a static address in ipConfigurations[*].privateIpAddress, and list that address as a DNS server of the VNet of the P2S gateway. ${NEW_PROFILE}`,
    ]);
  });

  it("fails an intent that requires the private endpoint when its name does not resolve", async () => {
    pack.configure({ "p2s-intended-access": { intents: [{ gateway: "hub-gw", reach: ["appdata-blob"] }] } });
    const found = await dnsFindings(withProperties(await hub(), "hub", { dhcpOptions: { dnsServers: [] } }));
    expect(found.filter((f) => f.includes("p2s-intended-access"))).toEqual([
      `mandatory p2s-intended-access hub: All clients of hub-gw cannot reach appdata-blob, which intent 1 of the policy configuration requires: its name does not resolve: hub uses Azure-provided DNS, so P2S clients keep their own resolver, which answers ${BLOB} with public addresses. Set dhcpOptions.dnsServers of hub to 10.0.5.4, the inbound endpoint of hub-resolver, whose VNet is linked to ${BLOB}. ${NEW_PROFILE}`,
    ]);
  });
});
