import type { AnalyzerInput } from "../../offline/analyzer-client";
import { seen } from "../../offline/pack-session";
import { UNKNOWN } from "../../policypack/extract/plain";
import { runCheck } from "../../policypack/cli/p2s-check";
import { InProcessPack } from "../helpers/in-process-pack";
import { sampleInputs, withProperties } from "../helpers/sample-inputs";
import { exportFile } from "../helpers/stack-files";

/**
 * p2s-gateway-settings and p2s-retired-features through @pulumi/policy's per-resource Analyze
 * handler: on a brand-new stack's inputs, on a deployed gateway's outputs, and in p2s-check.
 */
const pack = new InProcessPack();
beforeEach(() => pack.configure());

function gatewayOf(inputs: AnalyzerInput[]): AnalyzerInput {
  return inputs.find((r) => r.name === "hub-gw") as AnalyzerInput;
}

async function analyzed(input: AnalyzerInput) {
  return (await pack.analyze(input)).map(seen).map((s) => `${s.level} ${s.policy} ${s.resource}: ${s.message.split(". ")[0]}`);
}

const REJECTED =
  "mandatory p2s-gateway-settings hub-gw: hub-gw lists both SSTP and OpenVPN in vpnClientProtocols, which Azure rejects because both use TLS";
const SSTP =
  "advisory p2s-retired-features hub-gw: hub-gw lists SSTP in vpnClientProtocols, which Azure retired as announced: no gateway can enable it since 2026-03-31, and SSTP connections stop on 2027-03-31";

/** A deployed gateway as a stack export holds its outputs: ids, etags and states filled in, nested objects with ids of their own. */
function asProviderOutputs(input: AnalyzerInput): AnalyzerInput {
  const p = input.properties as Record<string, unknown>;
  const id = p.id as string;
  const client = p.vpnClientConfiguration as Record<string, unknown>;
  const roots = (client.vpnClientRootCertificates as Record<string, unknown>[]).map((c) => ({
    ...c,
    id: `${id}/vpnClientRootCertificates/${c.name}`,
    etag: 'W/"1"',
    provisioningState: "Succeeded",
  }));
  const ipConfigurations = (p.ipConfigurations as Record<string, unknown>[]).map((c) => ({
    ...c,
    id: `${id}/ipConfigurations/${c.name}`,
    etag: 'W/"1"',
    privateIPAllocationMethod: "Dynamic",
    provisioningState: "Succeeded",
  }));
  // Outputs carry no resourceGroupName: the group is only in the ids.
  const outputs = { ...p };
  delete outputs.resourceGroupName;
  return {
    ...input,
    properties: {
      ...outputs,
      etag: 'W/"1"',
      provisioningState: "Succeeded",
      resourceGuid: "8c1b8f6e-0000-0000-0000-000000000000",
      type: "Microsoft.Network/virtualNetworkGateways",
      location: "westeurope",
      sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ", capacity: 2 },
      vpnGatewayGeneration: "Generation1",
      activeActive: false,
      bgpSettings: {
        asn: 65010,
        bgpPeeringAddress: "10.0.255.30",
        peerWeight: 0,
        bgpPeeringAddresses: [{ ipconfigurationId: `${id}/ipConfigurations/default`, defaultBgpIpAddresses: ["10.0.255.30"] }],
      },
      ipConfigurations,
      vpnClientConfiguration: {
        ...client,
        vpnClientRootCertificates: roots,
        vpnClientRevokedCertificates: [],
        radiusServers: [],
        vpnClientIpsecPolicies: [],
      },
    },
  };
}

describe("resource policies through the per-resource Analyze call", () => {
  it("reports SSTP with OpenVPN, and SSTP's announced retirement, on a brand-new stack's inputs", async () => {
    expect(await analyzed(gatewayOf(await sampleInputs("sstp-openvpn", "preview")))).toEqual([REJECTED, SSTP]);
  });

  it("reports the same on the provider's outputs of a deployed gateway", async () => {
    expect(await analyzed(asProviderOutputs(gatewayOf(await sampleInputs("sstp-openvpn", "deployed"))))).toEqual([REJECTED, SSTP]);
  });

  it("finds nothing on the compliant hub gateway, inputs or outputs", async () => {
    const deployed = gatewayOf(await sampleInputs("hub", "deployed"));
    expect([await analyzed(gatewayOf(await sampleInputs("hub", "preview"))), await analyzed(asProviderOutputs(deployed))]).toEqual([
      [],
      [],
    ]);
  });

  it("fires no rule on a value unknown during preview, and never says it cannot run", async () => {
    const inputs = withProperties(await sampleInputs("sstp-openvpn", "preview"), "hub-gw", {
      vpnClientConfiguration: { vpnClientProtocols: UNKNOWN },
      sku: UNKNOWN,
      bgpSettings: { asn: UNKNOWN },
    });
    expect(await analyzed(gatewayOf(inputs))).toEqual([]);
  });

  it("reports a non-AZ SKU with the SKU to move to", async () => {
    const inputs = withProperties(await sampleInputs("hub", "preview"), "hub-gw", { sku: { name: "VpnGw2", tier: "VpnGw2" } });
    expect((await pack.analyze(gatewayOf(inputs))).map((d) => seen(d).message)).toEqual([
      "hub-gw uses the VpnGw2 SKU, which Azure retired on 2026-09-30 as announced: it creates no gateway of the non-AZ SKUs and migrates existing ones to the zone-redundant AZ SKUs itself. If hub-gw is being created, set sku.name to VpnGw2AZ, with a Standard, static public IP address in each of ipConfigurations[*].publicIPAddress (Azure rejects Basic and dynamic ones for the AZ SKUs); if it exists, once Azure has migrated hub-gw, set sku.name to VpnGw2AZ so that the code matches; changing the SKU family in code before that may replace the gateway (a new public IP address, downtime).",
    ]);
  });
});

describe("resource policies in p2s-check", () => {
  it("reports them on a stack export, with exit 1 and a SARIF rule each", async () => {
    const file = await exportFile("sstp-openvpn");
    const report = JSON.parse(runCheck(["--format", "json", file]).stdout) as {
      violations: { policy: string; code: string; enforcementLevel: string }[];
    };
    const sarif = JSON.parse(runCheck(["--format", "sarif", file]).stdout) as { runs: { tool: { driver: { rules: { id: string }[] } } }[] };
    expect({
      code: runCheck(["--format", "json", file]).code,
      settings: report.violations
        .filter((v) => v.policy.startsWith("p2s-gateway") || v.policy.startsWith("p2s-retired"))
        .map((v) => `${v.enforcementLevel} ${v.code}`),
      rules: sarif.runs[0].tool.driver.rules
        .map((r) => r.id)
        .filter((id) => id === "p2s-gateway-settings" || id === "p2s-retired-features"),
    }).toEqual({
      code: 1,
      settings: ["mandatory settings.sstp-with-openvpn", "advisory retired.sstp-retiring"],
      rules: ["p2s-gateway-settings", "p2s-retired-features"],
    });
  });
});
