import type { Seen } from "../../offline/pack-session";
import { violationsOf } from "../../policypack/pipeline/violations-of";
import type { Topology } from "../../policypack/topology/model";
import { InProcessPack } from "../helpers/in-process-pack";
import { policyNamed, stackOf, violationsFound } from "../helpers/policy-violations";
import { besidesManualRoutes } from "../helpers/sample-hub";
import type { Mode } from "../helpers/sample-inputs";
import { sampleInputs } from "../helpers/sample-inputs";
import { POOL, baseline, changedPath, hubGw, subnet, toFirewall, withRoutes } from "../paths/baseline";

/**
 * p2s-return-path (codes path.*, spec section 7 P2-P4). Engine baseline: test/paths/baseline.ts,
 * hub-gw's clients (172.16.201.0/24) reach app/web through the firewall fw (10.0.3.4) both ways:
 * rt-gateway on the GatewaySubnet sends 10.1.0.0/16 to fw, rt-app on web (propagation off) sends
 * the pool to fw. One change per test.
 */
const POLICY = "p2s-return-path";

/** [code, subject, resource] of every violation: what tells violations of one table apart. */
function subjects(topology: Topology): string[][] {
  return violationsOf(policyNamed(POLICY), stackOf(topology)).map((v) => [v.code, v.subject ?? "(none)", v.resource ?? "(stack)"]);
}

const NO_RETURN_WEB =
  "For clients of hub-gw, rt-app on app/web disables gateway route propagation and has no route for 172.16.201.0/24, so replies are dropped. " +
  "Turn gateway route propagation on with disableBgpRoutePropagation of rt-app, or add a route for 172.16.201.0/24 with next hop VirtualNetworkGateway.";

describe("p2s-return-path on the engine", () => {
  it("reports nothing when traffic goes through fw both ways", () => {
    expect(violationsFound(POLICY, baseline())).toEqual([]);
  });

  it("reports path.asymmetric against the spoke's table when traffic arrives through fw and replies go to the gateway", () => {
    expect(violationsFound(POLICY, withRoutes(baseline(), "rt-app", [], { propagation: true }))).toEqual([
      [
        "path.asymmetric",
        "rt-app",
        "For clients of hub-gw, traffic reaches app/web through 10.0.3.4 (spoke-via-fw of rt-gateway), but replies to 172.16.201.0/24 go straight to the gateway, " +
          "and a stateful firewall drops what it saw only one way. Add a route for 172.16.201.0/24 with next hop VirtualAppliance 10.0.3.4 to routes of rt-app, " +
          "so that replies go back through 10.0.3.4.",
      ],
    ]);
  });

  it("reports path.asymmetric against the spoke's table when traffic arrives directly and replies go through fw", () => {
    expect(violationsFound(POLICY, withRoutes(baseline(), "rt-gateway", []))).toEqual([
      [
        "path.asymmetric",
        "rt-app",
        "For clients of hub-gw, app/web sends replies to 172.16.201.0/24 through 10.0.3.4 (pool-via-fw of rt-app), but traffic arrives directly from the gateway, " +
          "and a stateful firewall drops what it saw only one way. Add a route for 172.16.201.0/24 with next hop VirtualNetworkGateway to routes of rt-app, " +
          "or route 10.1.1.0/24 to 10.0.3.4 in routes of rt-gateway (the GatewaySubnet's).",
      ],
    ]);
  });

  it("reports path.no-return-route against the spoke's table when it disables propagation and has no route for the pool", () => {
    expect(violationsFound(POLICY, withRoutes(baseline(), "rt-app", []))).toEqual([["path.no-return-route", "rt-app", NO_RETURN_WEB]]);
  });

  it("reports path.dropped against the GatewaySubnet's table when it sends the spoke to None", () => {
    const t = withRoutes(baseline(), "rt-gateway", [{ name: "spoke-dropped", prefix: "10.1.0.0/16", nextHop: "None" }]);
    expect(violationsFound(POLICY, t)).toEqual([
      [
        "path.dropped",
        "rt-gateway",
        "For clients of hub-gw, spoke-dropped of rt-gateway sends traffic for app/web to None, so it never arrives. " +
          "Remove the 10.1.0.0/16 route from routes of rt-gateway, or send it to the firewall that inspects this traffic.",
      ],
    ]);
  });

  it("reports two subnets that share a table and lack a return route twice, each with its own subject", () => {
    const t = withRoutes(baseline(), "rt-app", []);
    t.subnets?.push(subnet("db", "app", "10.1.2.0/24", { table: "rt-app" }));
    expect({ subjects: subjects(t), written: violationsFound(POLICY, t) }).toEqual({
      subjects: [
        ["path.no-return-route", "hub-gw app/db", "rt-app"],
        ["path.no-return-route", "hub-gw app/web", "rt-app"],
      ],
      written: [
        ["path.no-return-route", "rt-app", NO_RETURN_WEB.replace("app/web", "app/db")],
        ["path.no-return-route", "rt-app", NO_RETURN_WEB],
      ],
    });
  });

  it("reports a subnet once per gateway: a second P2S gateway whose pool has no return route either gets its own violation", () => {
    const t = withRoutes(baseline(), "rt-app", []);
    t.gateways.push({ ...t.gateways[0], id: "app-gw", name: "app-gw", vnet: "app", clientPool: ["172.16.202.0/24"] });
    expect({ subjects: subjects(t), written: violationsFound(POLICY, t) }).toEqual({
      subjects: [
        ["path.no-return-route", "app-gw app/web", "rt-app"],
        ["path.no-return-route", "hub-gw app/web", "rt-app"],
      ],
      written: [
        ["path.no-return-route", "rt-app", NO_RETURN_WEB.replace("hub-gw", "app-gw").replaceAll("172.16.201.0/24", "172.16.202.0/24")],
        ["path.no-return-route", "rt-app", NO_RETURN_WEB],
      ],
    });
  });

  it("reports a cause once per subnet, naming every pool part it decides, when UDRs split the pool into several parts with that cause", () => {
    // Only the middle quarter goes back through fw: the parts below and above it have no route.
    const t = withRoutes(baseline(), "rt-app", [toFirewall("middle-via-fw", "172.16.201.64/26")]);
    expect({
      parts: hubGw(t).paths.subnets.flatMap((s) => s.paths.map((p) => [s.subnet.name, p.pool, p.verdict])),
      written: violationsFound(POLICY, t),
    }).toEqual({
      parts: [
        ["web", "172.16.201.0/26", "no-return-route"],
        ["web", "172.16.201.64/26", "ok-via-appliance"],
        ["web", "172.16.201.128/25", "no-return-route"],
        ["AzureFirewallSubnet", POOL, "ok"],
      ],
      written: [["path.no-return-route", "rt-app", NO_RETURN_WEB.replaceAll("172.16.201.0/24", "172.16.201.0/26 and 172.16.201.128/25")]],
    });
  });

  it("reports each cause of one subnet: half the pool without a return route, the other half back by the gateway while it arrives through fw", () => {
    const t = withRoutes(baseline(), "rt-app", [{ name: "upper-gw", prefix: "172.16.201.128/25", nextHop: "VirtualNetworkGateway" }]);
    expect(subjects(t)).toEqual([
      ["path.no-return-route", "hub-gw app/web", "rt-app"],
      ["path.asymmetric", "hub-gw app/web", "rt-app"],
    ]);
  });

  it("does not report a pool inside a VNet's prefixes, which the address overlap check reports, though the path has no return route", () => {
    const t = changedPath(baseline(), "subnets", "app/web", { table: undefined });
    t.vnets = t.vnets.map((v) => (v.id === "app" ? { ...v, prefixes: [...v.prefixes, "172.16.0.0/16"] } : v));
    const web = hubGw(t).paths.subnets.find((s) => s.subnet.name === "web");
    expect({
      failures: web?.failures.map((f) => [f.code, f.resource, f.overlap]),
      written: violationsFound(POLICY, t),
    }).toEqual({ failures: [["no-return-route", "app", true]], written: [] });
  });
});

/**
 * Through @pulumi/policy's AnalyzeStack handler, on the sample stack as the engine sends it: hub's
 * firewall filters P2S traffic both ways; `asymmetric` sends app's replies through the firewall
 * while requests arrive directly; `nsg-blocked` has app's NSG deny the pool HTTPS.
 */
const pack = new InProcessPack();
beforeEach(() => pack.configure());

async function run(scenario: "hub" | "asymmetric" | "nsg-blocked", mode: Mode): Promise<Seen[]> {
  return besidesManualRoutes(await pack.run(await sampleInputs(scenario, mode)));
}

/** A brand-new stack knows the firewall only as a resource; a deployed one knows its address. */
const FIREWALL = { preview: "hub-fw", deployed: "10.0.3.4" } as const;

function asymmetricReplies(where: string, prefix: string, firewall: string): string {
  return (
    `For clients of hub-gw, app/${where} sends replies to 172.16.201.0/24 through ${firewall} (all-via-firewall of app-routes), but traffic arrives directly from the gateway, ` +
    `and a stateful firewall drops what it saw only one way. Add a route for 172.16.201.0/24 with next hop VirtualNetworkGateway to routes of app-routes, ` +
    `or route ${prefix} to ${firewall} in routes of hub-gateway-routes (the GatewaySubnet's).`
  );
}

describe.each(["preview", "deployed"] as const)("p2s-return-path on the sample stack (%s)", (mode) => {
  const firewall = FIREWALL[mode];

  it("reports nothing but the advisory Windows manual route (so no path problem and nothing mandatory) on the hub whose firewall filters P2S traffic both ways", async () => {
    expect(await run("hub", mode)).toEqual([]);
  });

  // The storage account's private endpoint in app/endpoints ignores app-routes (its policies are Azure's default, Disabled: P6),
  // so app stays accessible; its subnets do not answer on HTTPS, which the gateway's tag requires.
  it("reports app's subnets against app-routes, and the intent app:443 misses, when replies go through the firewall and requests arrive directly", async () => {
    expect(await run("asymmetric", mode)).toEqual([
      {
        policy: "p2s-intended-access",
        level: "mandatory",
        resource: "app-routes",
        message:
          "Clients of hub-gw (172.16.201.0/24) cannot reach app on TCP 443, which tag p2s-reach on hub-gw requires: the path to app/endpoints fails: " +
          asymmetricReplies("endpoints", "10.1.1.0/24", firewall).replace("For clients of hub-gw, ", ""),
      },
      { policy: POLICY, level: "advisory", resource: "app-routes", message: asymmetricReplies("endpoints", "10.1.1.0/24", firewall) },
      { policy: POLICY, level: "advisory", resource: "app-routes", message: asymmetricReplies("web", "10.1.2.0/24", firewall) },
    ]);
  });

  it("reports no path problem but the mandatory intent naming the NSG rule when app's NSG denies the pool HTTPS", async () => {
    expect(await run("nsg-blocked", mode)).toEqual([
      {
        policy: "p2s-intended-access",
        level: "mandatory",
        resource: "nsg-app",
        message:
          "Clients of hub-gw (172.16.201.0/24) cannot reach app on TCP 443, which tag p2s-reach on hub-gw requires: nsg-app rule deny-vpn (priority 200) denies 172.16.201.0/24. " +
          "Allow 172.16.201.0/24 to port 443 in nsg-app at a priority below 200.",
      },
    ]);
  });
});
