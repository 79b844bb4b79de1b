import type { Seen } from "../../offline/pack-session";
import { InProcessPack } from "../helpers/in-process-pack";
import type { Mode } from "../helpers/sample-inputs";
import { sampleInputs, withProperties } from "../helpers/sample-inputs";

/**
 * Through @pulumi/policy's AnalyzeStack and Analyze handlers, on the sample stack's Virtual WAN
 * scenarios as the engine sends them, brand-new and deployed.
 */
const pack = new InProcessPack();
beforeEach(() => pack.configure());

type WanScenario = "vwan" | "vwan-secured" | "vwan-classic";

/** What every scenario reports besides its own findings: Entra ID serves Windows and macOS only. */
function besidesEntraPlatforms(got: Seen[]): Seen[] {
  return got.filter((s) => s.policy !== "p2s-client-protocols");
}

async function run(scenario: WanScenario, mode: Mode, change = (inputs: Awaited<ReturnType<typeof sampleInputs>>) => inputs) {
  return besidesEntraPlatforms(await pack.run(change(await sampleInputs(scenario, mode))));
}

function oneWay(field: string): Seen {
  return {
    policy: "p2s-virtual-wan-routing",
    level: "advisory",
    resource: "hub1-p2s",
    message:
      "data has no route back to the client pool: the configuration users of hub1-p2s does not propagate to hub1/isolated, which data-conn is associated with. " +
      `Add hub1/isolated (or one of its labels) to ${field} of users in hub1-p2s.`,
  };
}

const OUTSIDE_INTENT =
  "100.64.50.0/24 of the configuration users of hub1-p2s is outside the private prefixes of hub1-intent. Use a pool inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 for the configuration users of hub1-p2s, or add the pool to the private traffic prefixes of the hub's firewall policy.";

describe.each(["preview", "deployed"] as const)("the Virtual WAN scenarios through AnalyzeStack and Analyze (%s)", (mode) => {
  it("vwan: data, associated with a custom table the P2S configuration does not propagate to, is routed one way", async () => {
    expect(await run("vwan", mode)).toEqual([oneWay("p2SConnectionConfigurations[*].routingConfiguration.propagatedRouteTables")]);
  });

  it("vwan-secured: a pool outside routing intent's private prefixes gets the advisory, and app, which the tags require, is not reached", async () => {
    expect(await run("vwan-secured", mode)).toEqual([
      {
        policy: "p2s-intended-access",
        level: "mandatory",
        resource: "hub1-p2s",
        message: `Windows and macOS clients of hub1-p2s cannot reach app, which tag p2s-access on app and tag p2s-reach on hub1-p2s require: app has no route back to the client pool: ${OUTSIDE_INTENT}`,
      },
      {
        policy: "p2s-virtual-wan-routing",
        level: "advisory",
        resource: "hub1-p2s",
        message:
          "100.64.50.0/24 of hub1-p2s is outside the private prefixes of hub1-intent, so replies to it are not routed through the hub's firewall. Use a pool inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, or add 100.64.50.0/24 to the private traffic prefixes of the firewall policy.",
      },
    ]);
  });

  it("vwan-classic: the same hub with @pulumi/azure is routed one way once ids are known; a brand-new preview does not check its tables", async () => {
    expect(await run("vwan-classic", mode)).toEqual(
      mode === "deployed" ? [oneWay("connectionConfigurations[*].route.propagatedRouteTable")] : [],
    );
  });

  it("vwan: the resource policy rejects SSTP in the server configuration, against that configuration", async () => {
    const got = await run("vwan", mode, (inputs) =>
      withProperties(inputs, "vpn-config", { properties: { vpnProtocols: ["SSTP", "OpenVPN"] } }),
    );
    expect(got.filter((s) => s.policy === "p2s-virtual-wan-server")).toEqual([
      {
        policy: "p2s-virtual-wan-server",
        level: "mandatory",
        resource: "vpn-config",
        message:
          "vpn-config lists SSTP in vpnProtocols, which Virtual WAN does not offer. Remove SSTP from vpnProtocols; use IkeV2 or OpenVPN.",
      },
    ]);
  });
});
