import { analyze } from "../../policypack/pipeline/analyze";
import { diffRoutes } from "../../policypack/reachability/route-diff";
import { seedScenario } from "../helpers/seed-scenarios";
import { changed } from "../helpers/topology-builder";

describe("R8 route changes between two states", () => {
  const before = seedScenario(2);

  it("reports no change when nothing changes", () => {
    expect(diffRoutes(analyze(before), analyze(before))).toEqual([]);
  });

  it("asks Windows users to reinstall the client package when a new spoke adds a route", () => {
    const after = changed(before, "peerings", "vnet1-to-vnet4", { allowsTransit: false });
    const added = diffRoutes(analyze(after), analyze(before));
    expect(added).toEqual([
      {
        id: "vnet1-gw",
        name: "vnet1-gw",
        platforms: ["windows", "macos", "linux", "ios", "android"].map((platform) => ({ platform, added: ["10.4.0.0/16"], removed: [] })),
        clients: [
          { id: "ikev2", routeSource: "pushed", added: ["10.4.0.0/16"], removed: [] },
          { id: "windows-builtin", routeSource: "static", added: ["10.4.0.0/16"], removed: [] },
        ],
        windowsReinstall: true,
        newProfile: [],
        customRoutesChanged: false,
      },
    ]);
  });

  it("flags a customRoutes change, which disconnects connected clients", () => {
    const after = changed(seedScenario(4), "gateways", "vnet1-gw", { advertisedRoutes: ["10.2.0.0/16"] });
    const [change] = diffRoutes(analyze(seedScenario(4)), analyze(after));
    expect(change.customRoutesChanged).toBe(true);
    expect(change.windowsReinstall).toBe(true);
    expect(change.platforms).toEqual([{ platform: "windows", added: ["10.2.0.0/16"], removed: [] }]);
  });

  it("does not ask for a reinstall when only non-Windows routes change (BGP-learned)", () => {
    const after = changed(seedScenario(8), "connections", "vnet2-gw-to-vnet3-gw", { bgp: false });
    const [change] = diffRoutes(analyze(seedScenario(8)), analyze(after));
    expect(change.windowsReinstall).toBe(false);
    expect(change.platforms.map((p) => [p.platform, p.removed])).toEqual(
      ["macos", "linux", "ios", "android"].map((p) => [p, ["10.3.0.0/16", "10.101.0.0/16"]]),
    );
  });

  it("asks nobody to reinstall when only clients with pushed routes are offered (OpenVPN with Microsoft Entra ID)", () => {
    const entra = (t: ReturnType<typeof seedScenario>) =>
      changed(t, "gateways", "vnet1-gw", { protocols: ["OpenVPN"], authTypes: ["AAD"] });
    const after = changed(entra(before), "peerings", "vnet1-to-vnet4", { allowsTransit: false });
    const [change] = diffRoutes(analyze(after), analyze(entra(before)));
    expect({ reinstall: change.windowsReinstall, clients: change.clients, newProfile: change.newProfile }).toEqual({
      reinstall: false,
      clients: [{ id: "azure-vpn-client", routeSource: "pushed", added: ["10.4.0.0/16"], removed: [] }],
      newProfile: [],
    });
  });

  it.each([
    ["protocols", { protocols: ["IkeV2", "OpenVPN"] }],
    ["authentication types", { authTypes: ["Certificate", "Radius"] }],
    ["root certificates", { profileDigests: { aad: "a", certificates: "other" } }],
    ["Microsoft Entra ID settings", { profileDigests: { aad: "other", certificates: "r" } }],
  ] as const)("asks every client for a new profile when the %s change", (setting, patch) => {
    const base = changed(before, "gateways", "vnet1-gw", { profileDigests: { aad: "a", certificates: "r" } });
    const [change] = diffRoutes(analyze(base), analyze(changed(base, "gateways", "vnet1-gw", patch as never)));
    expect(change.newProfile).toEqual([setting]);
  });

  it("asks every client for a new profile when the home VNet's DNS servers change", () => {
    const [change] = diffRoutes(analyze(before), analyze(changed(before, "vnets", "vnet1", { nameServers: ["10.1.0.4"] })));
    expect({ newProfile: change.newProfile, platforms: change.platforms }).toEqual({ newProfile: ["DNS servers"], platforms: [] });
  });
});
