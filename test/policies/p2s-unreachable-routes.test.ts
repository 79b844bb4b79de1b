import { InProcessPack } from "../helpers/in-process-pack";
import { violationsFound } from "../helpers/policy-violations";
import { sampleInputs } from "../helpers/sample-inputs";
import { seedScenario } from "../helpers/seed-scenarios";
import { changed } from "../helpers/topology-builder";

/**
 * p2s-unreachable-routes (codes routes.link-without-bgp, routes.route-without-access). Baseline:
 * seed scenario 4, a chain of Vnet2Vnet links that all run BGP, so every route leads somewhere.
 */
const POLICY = "p2s-unreachable-routes";
const baseline = seedScenario(4);

const VNET2_WITHOUT_BGP =
  "macOS, Linux, iOS and Android clients of vnet1-gw receive a route to 10.2.0.0/16 but cannot reach it: connection vnet1-gw-to-vnet2-gw does not run BGP (enableBgp is not true). Set enableBgp to true on every connection of the link, starting with vnet1-gw-to-vnet2-gw.";

describe("p2s-unreachable-routes", () => {
  it("reports nothing when every link of the chain runs BGP", () => {
    expect(violationsFound(POLICY, baseline)).toEqual([]);
  });

  it("reports the route pushed-route clients get to vnet2 once one connection of the link does not run BGP", () => {
    expect(violationsFound(POLICY, changed(baseline, "connections", "vnet1-gw-to-vnet2-gw", { bgp: false }))).toEqual([
      ["routes.link-without-bgp", "vnet1-gw-to-vnet2-gw", VNET2_WITHOUT_BGP],
    ]);
  });

  it("names the pushed-route clients that get a non-BGP Vnet2Vnet route, and on Windows the clients beside the built-in one", () => {
    const t = changed(seedScenario(3), "gateways", "vnet1-gw", { protocols: ["IkeV2", "OpenVPN"] });
    expect(violationsFound(POLICY, t)).toEqual([
      [
        "routes.link-without-bgp",
        "vnet1-gw-to-vnet2-gw",
        "Windows (Azure VPN Client and OpenVPN Connect), macOS, Linux, iOS and Android clients of vnet1-gw receive a route to 10.2.0.0/16 but cannot reach it: connection vnet1-gw-to-vnet2-gw does not run BGP (enableBgp is not true). Set enableBgp to true on every connection of the link, starting with vnet1-gw-to-vnet2-gw.",
      ],
    ]);
  });

  it("reports a custom route that leads nowhere, once per route source", () => {
    expect(violationsFound(POLICY, changed(baseline, "gateways", "vnet1-gw", { advertisedRoutes: ["10.50.0.0/16"] }))).toEqual([
      [
        "routes.route-without-access",
        "vnet1-gw",
        "Windows clients of vnet1-gw receive a route to 10.50.0.0/16 but cannot reach it: custom route 10.50.0.0/16 of vnet1-gw covers no network the clients can reach. Remove 10.50.0.0/16 from customRoutes.addressPrefixes of vnet1-gw, or make the network behind it reachable.",
      ],
      [
        "routes.route-without-access",
        "vnet1-gw",
        "macOS, Linux, iOS and Android clients of vnet1-gw receive a route to 10.50.0.0/16 but cannot reach it: custom route 10.50.0.0/16 of vnet1-gw covers no network the clients can reach. Remove 10.50.0.0/16 from customRoutes.addressPrefixes of vnet1-gw, or make the network behind it reachable.",
      ],
    ]);
  });

  it("reports no route for a custom route inside a network the clients reach", () => {
    expect(violationsFound(POLICY, changed(baseline, "gateways", "vnet1-gw", { advertisedRoutes: ["10.3.0.0/16"] }))).toEqual([]);
  });
});

describe("p2s-unreachable-routes through the pack", () => {
  it("reports no route without access on the default sample stack", async () => {
    const got = await new InProcessPack().run(await sampleInputs("hub", "preview"));
    expect(got.filter((s) => s.policy === POLICY)).toEqual([]);
  });
});
