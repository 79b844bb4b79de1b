import type { AnalyzerInput } from "../../offline/analyzer-client";
import type { Seen } from "../../offline/pack-session";
import { InProcessPack } from "../helpers/in-process-pack";
import { sampleInputs, withProperties } from "../helpers/sample-inputs";

/**
 * Each policy against the default sample stack ("hub") in preview, through @pulumi/policy's own
 * AnalyzeStack handler: the baseline gives only the advisory Windows manual route for the BGP
 * branch; each test changes one thing.
 */
const session = new InProcessPack();
let baseline: AnalyzerInput[];
const SECRET_KEY = "sample-shared-key-change-me";

beforeAll(async () => {
  baseline = await sampleInputs("hub", "preview");
});
beforeEach(() => session.configure());

const manualBranch: Seen = {
  policy: "p2s-windows-manual-routes",
  level: "advisory",
  resource: "hub-gw",
  message:
    'The Windows built-in client of hub-gw can reach branch over BGP but gets no route to 10.101.0.0/16. Add 10.101.0.0/16 to customRoutes.addressPrefixes of hub-gw; or have each user of it run: Add-VpnConnectionRoute -ConnectionName "hub" -DestinationPrefix 10.101.0.0/16; or move them to the Azure VPN Client over OpenVPN, which receives the routes from the gateway, once hub-gw lists OpenVPN in vpnClientProtocols.',
};

function others(got: Seen[]): Seen[] {
  return got.filter((s) => s.policy !== "p2s-windows-manual-routes");
}

describe("the default sample stack", () => {
  it("gives only the advisory Windows manual route for the BGP branch", async () => {
    expect(await session.run(baseline)).toEqual([manualBranch]);
  });

  it("never prints the shared key or the root certificate, and never says it cannot run during preview", async () => {
    const inputs = withProperties(baseline, "hub-gw", { customRoutes: { addressPrefixes: ["0.0.0.0/0"] } });
    const text = JSON.stringify(await session.run(inputs));
    expect(text).not.toContain(SECRET_KEY);
    expect(text).not.toContain("MIIC5zCCAc");
    expect(text).not.toContain("can't run");
  });
});

describe("p2s-windows-manual-routes", () => {
  it("reports nothing once customRoutes carries the branch prefix", async () => {
    const inputs = withProperties(baseline, "hub-gw", { customRoutes: { addressPrefixes: ["10.101.0.0/16"] } });
    expect(await session.run(inputs)).toEqual([]);
  });

  it("is raised to mandatory by the policy configuration", async () => {
    session.configure({ "p2s-windows-manual-routes": { enforcementLevel: "mandatory" } });
    expect(await session.run(baseline)).toEqual([{ ...manualBranch, level: "mandatory" }]);
  });

  it("is silenced when disabled in the policy configuration", async () => {
    session.configure({ "p2s-windows-manual-routes": { enforcementLevel: "disabled" } });
    expect(await session.run(baseline)).toEqual([]);
  });
});

describe("p2s-intended-access", () => {
  it("reports the PCI VNet tagged forbidden when its peering uses the hub gateway", async () => {
    const leak = await sampleInputs("pci-leak", "preview");
    expect(others(await session.run(leak))).toEqual([
      {
        policy: "p2s-intended-access",
        level: "mandatory",
        resource: "pci-to-hub",
        message:
          "All clients of hub-gw reach pci, which tag p2s-access on pci forbids: pci uses hub-gw through pci-to-hub. Set useRemoteGateways to false on pci-to-hub or remove the peering.",
      },
    ]);
  });

  it("reports a required spoke that lost gateway transit, next to the transit error itself", async () => {
    const inputs = withProperties(baseline, "hub-to-app", { allowGatewayTransit: false });
    expect(others(await session.run(inputs))).toEqual([
      {
        policy: "p2s-gateway-transit",
        level: "mandatory",
        resource: "hub-to-app",
        message:
          "app-to-hub sets useRemoteGateways, but hub-to-app does not set allowGatewayTransit, so app cannot use the gateway of hub. Set allowGatewayTransit to true on hub-to-app.",
      },
      {
        policy: "p2s-intended-access",
        level: "mandatory",
        resource: "hub-to-app",
        message:
          "All clients of hub-gw cannot reach app, which tag p2s-access on app and tag p2s-reach on hub-gw require: hub-to-app lacks allowGatewayTransit, so app cannot use hub-gw. Set allowGatewayTransit to true on hub-to-app.",
      },
    ]);
  });

  it("reports a configured intent that names a network not in the stack, stack-wide", async () => {
    session.configure({ "p2s-intended-access": { intents: [{ gateway: "hub-gw", reach: ["dta"] }] } });
    expect(others(await session.run(baseline))).toEqual([
      {
        policy: "p2s-intended-access",
        level: "mandatory",
        resource: "(stack)",
        message:
          'Intent 1 of the policy configuration names "dta", which is neither a network of the stack nor a CIDR inside one. Name the VNet or site by its Pulumi or Azure name, or give a CIDR inside one of them.',
      },
    ]);
  });

  it("passes the repository's policy-config.json on the default stack", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    session.configure(require("../../policy-config.json"));
    expect(await session.run(baseline)).toEqual([manualBranch]);
  });
});

describe("p2s-gateway-transit", () => {
  it("reports a peering declared in one direction only", async () => {
    const inputs = baseline.filter((r) => r.name !== "data-to-hub");
    expect(others(await session.run(inputs)).filter((s) => s.policy === "p2s-gateway-transit")).toEqual([
      {
        policy: "p2s-gateway-transit",
        level: "mandatory",
        resource: "hub-to-data",
        message:
          "hub-to-data peers hub with data, but data has no peering back to hub, so the peering stays Initiated and carries no traffic. Declare a VirtualNetworkPeering from data to hub.",
      },
    ]);
  });
});

describe("p2s-address-overlap", () => {
  it("reports a client pool inside the hub's address space", async () => {
    const inputs = withProperties(baseline, "hub-gw", { vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ["10.0.200.0/24"] } } });
    expect(others(await session.run(inputs))).toEqual([
      {
        policy: "p2s-address-overlap",
        level: "mandatory",
        resource: "hub-gw",
        message:
          "The client pool 10.0.200.0/24 of hub-gw overlaps 10.0.0.0/16 of hub, so clients cannot tell their own addresses from those networks. Give hub-gw a vpnClientAddressPool that overlaps no VNet, site or route its clients use.",
      },
    ]);
  });
});

describe("p2s-client-protocols", () => {
  it("reports the platforms an SSTP-only gateway cannot serve", async () => {
    session.configure({ "p2s-client-protocols": { requiredPlatforms: ["windows", "macos"] } });
    const inputs = withProperties(baseline, "hub-gw", { vpnClientConfiguration: { vpnClientProtocols: ["SSTP"] } });
    const got = await session.run(inputs);
    expect(got.filter((s) => s.policy === "p2s-client-protocols")).toEqual([
      {
        policy: "p2s-client-protocols",
        level: "advisory",
        resource: "hub-gw",
        message: "macOS clients cannot connect to hub-gw, whose protocols are SSTP. Add IkeV2 or OpenVPN to vpnClientProtocols of hub-gw.",
      },
    ]);
  });
});

describe("p2s-gateway-settings", () => {
  it("reports an Azure-reserved ASN on the branch site, through the per-resource Analyze call", async () => {
    const inputs = withProperties(baseline, "branch", { bgpSettings: { asn: 65515 } });
    expect(others(await session.run(inputs))).toEqual([
      {
        policy: "p2s-gateway-settings",
        level: "mandatory",
        resource: "branch",
        message:
          "branch uses ASN 65515, which Azure reserves. Give branch the real ASN of the on-premises device, outside 65515, 8074-8075, 12076, 23456, 64496-64511, 65517-65520 and 65535-65551.",
      },
    ]);
  });
});

describe("p2s-unreachable-routes", () => {
  it("reports no route without access on the default stack (seed scenarios 3 and 7 cover the positive case)", async () => {
    expect((await session.run(baseline)).filter((s) => s.policy === "p2s-unreachable-routes")).toEqual([]);
  });
});
