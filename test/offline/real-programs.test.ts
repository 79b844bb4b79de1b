import * as azure from "@pulumi/azure";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import { runCheck } from "../../policypack/cli/p2s-check";
import type { Report } from "../../policypack/report/report-model";
import { previewJson, stackExport } from "../../offline/stack-documents";
import { record } from "../helpers/record";
import { writeJson } from "../helpers/stack-files";

/**
 * Programs written the way public ones are, recorded by @pulumi/pulumi's runtime as the CLI runs
 * them: inside the root stack, until every registration is done.
 */

/** An IKEv2 gateway with certificates and nothing else, in the classic provider. */
function classicIkev2Gateway(): void {
  const rg = new azure.core.ResourceGroup("vpn-rg", { location: "westeurope" });
  const vnet = new azure.network.VirtualNetwork("vpn-vnet", {
    resourceGroupName: rg.name,
    location: rg.location,
    addressSpaces: ["10.10.0.0/16"],
  });
  const subnet = new azure.network.Subnet("GatewaySubnet", {
    name: "GatewaySubnet",
    resourceGroupName: rg.name,
    virtualNetworkName: vnet.name,
    addressPrefixes: ["10.10.255.0/27"],
  });
  const ip = new azure.network.PublicIp("vpn-ip", {
    resourceGroupName: rg.name,
    location: rg.location,
    allocationMethod: "Static",
    sku: "Standard",
  });
  new azure.network.VirtualNetworkGateway("vpn-gw", {
    resourceGroupName: rg.name,
    location: rg.location,
    type: "Vpn",
    vpnType: "RouteBased",
    sku: "VpnGw1",
    ipConfigurations: [{ subnetId: subnet.id, publicIpAddressId: ip.id }],
    vpnClientConfiguration: {
      addressSpaces: ["10.11.0.0/24"],
      vpnClientProtocols: ["IkeV2"],
      rootCertificates: [{ name: "root", publicCertData: "MIIC5zCCAc+gAwIBAgIQ" }],
    },
  });
}

/** A component library: hub, gateway and spokes, peerings created inside apply(), tags added by a stack transformation. */
class HubAndSpokes extends pulumi.ComponentResource {
  constructor(name: string, spokes: string[], opts?: pulumi.ComponentResourceOptions) {
    super("acme:network:HubAndSpokes", name, {}, opts);
    const parent = { parent: this };
    const rg = new resources.ResourceGroup(`${name}-rg`, {}, parent);
    const hub = new network.VirtualNetwork(
      `${name}-hub`,
      { resourceGroupName: rg.name, addressSpace: { addressPrefixes: ["10.0.0.0/16"] } },
      parent,
    );
    const subnet = new network.Subnet(
      `${name}-gw-subnet`,
      { resourceGroupName: rg.name, virtualNetworkName: hub.name, subnetName: "GatewaySubnet", addressPrefix: "10.0.255.0/27" },
      parent,
    );
    const gw = new network.VirtualNetworkGateway(
      `${name}-gw`,
      {
        resourceGroupName: rg.name,
        gatewayType: "Vpn",
        vpnType: "RouteBased",
        sku: { name: "VpnGw2AZ", tier: "VpnGw2AZ" },
        ipConfigurations: [{ name: "default", subnet: { id: subnet.id } }],
        vpnClientConfiguration: {
          vpnClientAddressPool: { addressPrefixes: ["172.16.0.0/24"] },
          vpnClientProtocols: ["IkeV2"],
          vpnClientRootCertificates: [{ name: "root", publicCertData: "MIIC5zCCAc+gAwIBAgIQ" }],
        },
      },
      parent,
    );
    spokes.forEach((cidr, i) => {
      const spoke = new network.VirtualNetwork(
        `${name}-spoke${i}`,
        { resourceGroupName: rg.name, addressSpace: { addressPrefixes: [cidr] } },
        parent,
      );
      // Libraries wait for names and the gateway before peering: these register late, inside apply().
      pulumi.all([hub.name, spoke.name, gw.id]).apply(([hubName, spokeName]) => {
        new network.VirtualNetworkPeering(
          `${name}-hub-to-spoke${i}`,
          { resourceGroupName: rg.name, virtualNetworkName: hubName, remoteVirtualNetwork: { id: spoke.id }, allowGatewayTransit: true },
          parent,
        );
        new network.VirtualNetworkPeering(
          `${name}-spoke${i}-to-hub`,
          { resourceGroupName: rg.name, virtualNetworkName: spokeName, remoteVirtualNetwork: { id: hub.id }, useRemoteGateways: true },
          parent,
        );
      });
    });
  }
}

function componentLibraryProgram(): void {
  // Needs the root stack resource: without it this throws at import, as such libraries do.
  pulumi.runtime.registerStackTransformation((args) => ({ props: { ...args.props, tags: { managedBy: "pulumi" } }, opts: args.opts }));
  new HubAndSpokes("corp", ["10.1.0.0/16", "10.2.0.0/16"]);
}

function report(doc: unknown): Report {
  return JSON.parse(runCheck(["--format", "json", writeJson(doc)]).stdout) as Report;
}

describe("programs written as public ones are", () => {
  it("reads a classic IKEv2 gateway with certificates, deployed and in a new stack's preview", async () => {
    const summary = (r: Report) => ({
      gateways: r.gateways.map((g) => [g.name, g.vnet, g.clientAddressPool, g.clients.map((c) => c.id), g.platforms.linux.routes]),
      violations: r.violations.map((v) => `${v.enforcementLevel} ${v.code} ${v.resource}`),
    });
    const expected = {
      gateways: [["vpn-gw", "vpn-vnet", ["10.11.0.0/24"], ["ikev2", "windows-builtin"], ["10.10.0.0/16", "10.11.0.0/24"]]],
      violations: ["advisory retired.sku-retiring vpn-gw"],
    };
    expect([
      summary(report(stackExport(await record(classicIkev2Gateway, false)))),
      summary(report(previewJson(await record(classicIkev2Gateway, true)))),
    ]).toEqual([expected, expected]);
  });

  it("records peerings a component library creates inside apply() once the values they wait for are known", async () => {
    const deployed = await record(componentLibraryProgram, false);
    const r = report(stackExport(deployed));
    expect({
      peerings: deployed
        .filter((x) => x.type === "azure-native:network:VirtualNetworkPeering")
        .map((x) => x.name)
        .sort(),
      tagged: deployed
        .filter((x) => x.type === "azure-native:network:VirtualNetwork")
        .every((x) => (x.inputs.tags as Record<string, string>)?.managedBy === "pulumi"),
      access: r.gateways.map((g) => [g.name, g.platforms.macos.access]),
      violations: r.violations.map((v) => `${v.enforcementLevel} ${v.policy} ${v.resource}`),
    }).toEqual({
      peerings: ["corp-hub-to-spoke0", "corp-hub-to-spoke1", "corp-spoke0-to-hub", "corp-spoke1-to-hub"],
      tagged: true,
      access: [["corp-gw", ["corp-hub", "corp-spoke0", "corp-spoke1"]]],
      violations: [],
    });
  });

  it("cannot see those peerings in a brand-new stack's first preview, where the values are unknown", async () => {
    const preview = await record(componentLibraryProgram, true);
    expect(preview.filter((x) => x.type === "azure-native:network:VirtualNetworkPeering")).toEqual([]);
  });
});
