import type { RawResource } from "../../policypack/extract/raw-resource";
import { applianceLabel } from "../../policypack/paths/next-hop";
import { flowRuleText } from "../../policypack/paths/subnet-flows";
import type { ForwardHop, ReturnHop } from "../../policypack/paths/subnet-path";
import { evaluateIntents } from "../../policypack/intents/intents";
import { analyzeResources } from "../../policypack/pipeline/stack-analysis";
import { diagram } from "../../policypack/report/mermaid";
import { buildReport } from "../../policypack/report/report-model";
import { renderSentence } from "../../policypack/topology/sentence";
import { RG, allowCollection, classic, httpsNetworkRule, native } from "../helpers/raw-resources";
import type { Declared } from "../helpers/virtual-wan-stack";
import { POOL, classicWan, nativeWan } from "../helpers/virtual-wan-stack";

/**
 * Spokes behind a secured hub (spec W7, W10 with section 7): routing intent sends the clients'
 * traffic and the spokes' replies through the hub's firewall, whose rules decide (F5); a spoke's
 * route table can still lose the way back or send it elsewhere.
 */

const FW_ADDRESS = "10.100.0.132";
const FW_ID = `${RG}/azureFirewalls/fw`;
const TABLE_ID = `${RG}/routeTables/rt-web`;
const SUBNET_ID = `${RG}/virtualNetworks/spoke1/subnets/web`;

interface Change {
  /** Routing intent through fw is declared (the baseline). */
  intent?: boolean;
  /** spoke1/web's route table: its routes and whether it propagates gateway routes. */
  table?: { routes: { prefix: string; nextHop: string; address?: string }[]; propagation: boolean };
  /** A brand-new preview: fw's address and id are unknown, references only through propertyDependencies. */
  preview?: boolean;
}

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function nativeStack(change: Change): RawResource[] {
  return nativeWan((r) => {
    const subnet: Record<string, unknown> = { name: "web", addressPrefix: "10.1.1.0/24" };
    if (change.table) {
      subnet.routeTable = { id: TABLE_ID };
      r["rt-web"] = native("RouteTable", "rt-web", {
        resourceGroupName: "rg",
        routeTableName: "rt-web",
        disableBgpRoutePropagation: !change.table.propagation,
        routes: change.table.routes.map((route, i) => ({
          name: `r${i}`,
          addressPrefix: route.prefix,
          nextHopType: route.nextHop,
          ...(route.address ? { nextHopIpAddress: route.address } : {}),
        })),
      }) as Declared;
    }
    r.spoke1.props.subnets = [subnet];
    r.policy = native("FirewallPolicy", "policy", { resourceGroupName: "rg", firewallPolicyName: "policy" }) as Declared;
    r.rules = native("FirewallPolicyRuleCollectionGroup", "rules", {
      resourceGroupName: "rg",
      firewallPolicyName: "policy",
      ruleCollectionGroupName: "rules",
      priority: 200,
      ruleCollections: [allowCollection([httpsNetworkRule(POOL, "10.1.0.0/16")])],
    }) as Declared;
    const fw = native(
      "AzureFirewall",
      "fw",
      change.preview
        ? { resourceGroupName: "rg", virtualHub: { id: UNKNOWN }, firewallPolicy: { id: UNKNOWN }, hubIPAddresses: UNKNOWN }
        : {
            resourceGroupName: "rg",
            azureFirewallName: "fw",
            virtualHub: { id: `${RG}/virtualHubs/hub1` },
            firewallPolicy: { id: `${RG}/firewallPolicies/policy` },
            hubIPAddresses: { privateIPAddress: FW_ADDRESS },
          },
      change.preview ? { propertyDependencies: { virtualHub: [r.hub1.urn], firewallPolicy: [r.policy.urn] } } : {},
    ) as Declared;
    r.fw = fw;
    if (change.intent !== false)
      r.intent = native(
        "RoutingIntent",
        "intent",
        {
          resourceGroupName: "rg",
          virtualHubName: "hub1",
          routingPolicies: [{ name: "private", destinations: ["PrivateTraffic"], nextHop: change.preview ? UNKNOWN : FW_ID }],
        },
        change.preview ? { propertyDependencies: { routingPolicies: [fw.urn] } } : {},
      ) as Declared;
  });
}

function classicStack(change: Change): RawResource[] {
  return classicWan((r) => {
    r.web = classic("subnet", "Subnet", "web", {
      name: "web",
      resourceGroupName: "rg",
      virtualNetworkName: "spoke1",
      addressPrefixes: ["10.1.1.0/24"],
      id: SUBNET_ID,
    }) as Declared;
    if (change.table) {
      r["rt-web"] = classic("routeTable", "RouteTable", "rt-web", {
        name: "rt-web",
        resourceGroupName: "rg",
        bgpRoutePropagationEnabled: change.table.propagation,
        routes: change.table.routes.map((route, i) => ({
          name: `r${i}`,
          addressPrefix: route.prefix,
          nextHopType: route.nextHop,
          ...(route.address ? { nextHopInIpAddress: route.address } : {}),
        })),
      }) as Declared;
      r["web-rt"] = classic("subnetRouteTableAssociation", "SubnetRouteTableAssociation", "web-rt", {
        subnetId: SUBNET_ID,
        routeTableId: TABLE_ID,
      }) as Declared;
    }
    r.policy = classic("firewallPolicy", "FirewallPolicy", "policy", { name: "policy", resourceGroupName: "rg" }) as Declared;
    r.rules = classic("firewallPolicyRuleCollectionGroup", "FirewallPolicyRuleCollectionGroup", "rules", {
      name: "rules",
      firewallPolicyId: `${RG}/firewallPolicies/policy`,
      priority: 200,
      networkRuleCollections: [
        {
          name: "vpn",
          priority: 100,
          action: "Allow",
          rules: [
            {
              name: "https",
              protocols: ["TCP"],
              sourceAddresses: [POOL],
              destinationAddresses: ["10.1.0.0/16"],
              destinationPorts: ["443"],
            },
          ],
        },
      ],
    }) as Declared;
    r.fw = classic("firewall", "Firewall", "fw", {
      name: "fw",
      resourceGroupName: "rg",
      skuName: "AZFW_Hub",
      firewallPolicyId: `${RG}/firewallPolicies/policy`,
      virtualHub: { virtualHubId: `${RG}/virtualHubs/hub1`, privateIpAddress: FW_ADDRESS },
    }) as Declared;
    if (change.intent !== false)
      r.intent = classic("routingIntent", "RoutingIntent", "intent", {
        name: "intent",
        virtualHubId: `${RG}/virtualHubs/hub1`,
        routingPolicies: [{ name: "private", destinations: ["PrivateTraffic"], nextHop: FW_ID }],
      }) as Declared;
  });
}

function hopText(hop: ForwardHop | ReturnHop): string {
  return hop.kind === "via" ? `via ${applianceLabel(hop.hop)}` : hop.kind;
}

/** spoke1/web's paths, flows and failures for the hub gateway, the gateway's access and the notes that name routing intent. */
function outcome(resources: RawResource[]) {
  const { analysis } = analyzeResources(resources);
  const gateway = analysis.gateways.find((g) => g.kind === "virtual-wan");
  if (!gateway) throw new Error("no hub gateway");
  const web = gateway.paths.subnets.find((s) => s.network.name === "spoke1" && s.subnet.name === "web");
  return {
    paths: (web?.paths ?? []).map((p) => [p.pool, hopText(p.forward), hopText(p.back), p.verdict]),
    flows: (web?.flows() ?? []).map((p) => [p.verdict, flowRuleText(p.rule), p.flows.toStrings()]),
    failures: (web?.failures ?? []).map((f) => ({
      code: f.code,
      text: renderSentence(f.text, (s) => s.field),
      fix: renderSentence(f.fix.text, (s) => s.field),
    })),
    access: gateway.platforms.macos.access,
    intentNotes: analysis.notes.map((n) => renderSentence(n, (s) => s.field)).filter((n) => n.includes("next hop")),
  };
}

const THROUGH_FW = [[POOL, `via ${FW_ADDRESS}`, `via ${FW_ADDRESS}`, "ok-via-appliance"]];
/** What fw's rule lets through reaches spoke1/web, which has no NSG; fw denies the rest. */
const FW_FLOWS = [
  ["allowed", "no network security group", [`tcp ${POOL} 443`]],
  ["denied", "fw (no rule allows it)", [`tcp ${POOL} 0-442,444-65535`, `udp ${POOL} 0-65535`, `icmp ${POOL}`]],
];

describe.each([
  ["azure-native", nativeStack],
  ["classic", classicStack],
])("a spoke behind a secured hub (%s)", (_provider, stack) => {
  it("sends the clients' traffic and the replies through the hub's firewall, whose network rules decide the flows (W7, F5)", () => {
    expect(outcome(stack({}))).toEqual({
      paths: THROUGH_FW,
      flows: FW_FLOWS,
      failures: [],
      access: ["spoke1", "spoke2"],
      intentNotes: [],
    });
  });

  it("loses the way back when the spoke's route table turns gateway route propagation off, and leaves access (W10, P3)", () => {
    const got = outcome(stack({ table: { routes: [], propagation: false } }));
    expect({ paths: got.paths, codes: got.failures.map((f) => f.code), access: got.access }).toEqual({
      paths: [[POOL, `via ${FW_ADDRESS}`, "none", "no-return-route"]],
      codes: ["no-return-route"],
      access: ["spoke2"],
    });
  });

  it("keeps the path when the spoke's own default route sends replies to the hub's firewall (W7)", () => {
    const got = outcome(
      stack({ table: { routes: [{ prefix: "0.0.0.0/0", nextHop: "VirtualAppliance", address: FW_ADDRESS }], propagation: false } }),
    );
    expect({ paths: got.paths, flows: got.flows, access: got.access }).toEqual({
      paths: THROUGH_FW,
      flows: FW_FLOWS,
      access: ["spoke1", "spoke2"],
    });
  });

  it("finds replies sent to another appliance asymmetric, and asks to send them to the intent's firewall", () => {
    const got = outcome(
      stack({ table: { routes: [{ prefix: "0.0.0.0/0", nextHop: "VirtualAppliance", address: "10.1.2.4" }], propagation: false } }),
    );
    expect({ paths: got.paths, failures: got.failures, access: got.access }).toEqual({
      paths: [[POOL, `via ${FW_ADDRESS}`, "via 10.1.2.4", "asymmetric"]],
      failures: [
        {
          code: "asymmetric",
          text: `spoke1/web sends replies to ${POOL} through 10.1.2.4 (r0 of rt-web), but traffic arrives through ${FW_ADDRESS}, and a stateful firewall drops what it saw only one way`,
          fix: `Send ${POOL} to ${FW_ADDRESS}, the next hop of intent, in table.routes of rt-web, or remove r0 of rt-web so that replies follow the hub's routes.`,
        },
      ],
      access: ["spoke2"],
    });
  });

  it("without routing intent, goes straight to the spoke: replies a spoke route sends to the firewall are asymmetric", () => {
    const got = outcome(
      stack({
        intent: false,
        table: { routes: [{ prefix: "0.0.0.0/0", nextHop: "VirtualAppliance", address: FW_ADDRESS }], propagation: false },
      }),
    );
    expect({ paths: got.paths, fixes: got.failures.map((f) => f.fix) }).toEqual({
      paths: [[POOL, "direct", `via ${FW_ADDRESS}`, "asymmetric"]],
      fixes: [
        `Add a route for ${POOL} with next hop VirtualNetworkGateway to table.routes of rt-web, or secure hub1 with routing intent through ${FW_ADDRESS}.`,
      ],
    });
  });
});

describe("a spoke behind a secured hub in a brand-new preview (azure-native)", () => {
  it("names the firewall through propertyDependencies and still judges its rules", () => {
    expect(outcome(nativeStack({ preview: true }))).toEqual({
      paths: [[POOL, "via fw", "via fw", "ok-via-appliance"]],
      flows: FW_FLOWS,
      failures: [],
      access: ["spoke1", "spoke2"],
      intentNotes: [],
    });
  });
});

describe("port intents on a secured hub's gateway (section 5, W7)", () => {
  const violations = (reach: string[]) =>
    evaluateIntents(analyzeResources(nativeStack({})).analysis, [
      { origin: "intent 1 of the policy configuration", gateway: "p2s", reach, deny: [] },
    ]).violations.map((v) => [v.code, v.resource?.split("::").pop() ?? "", renderSentence(v.problem, (s) => s.field)]);

  it("holds a required spoke1:443, which the hub's firewall allows", () => {
    expect(violations(["spoke1:443"])).toEqual([]);
  });

  it("reports a required spoke1:22 against the hub's firewall, whose default denies it", () => {
    expect(violations(["spoke1:22"])).toEqual([
      [
        "intent.required-not-reached",
        "fw",
        `Clients of p2s (${POOL}) cannot reach spoke1 on TCP 22, which intent 1 of the policy configuration requires: the default of fw denies ${POOL}.`,
      ],
    ]);
  });
});

describe("the Mermaid diagram of a secured hub", () => {
  it("draws the hub's firewall, through which the clients' traffic goes, at the hub", () => {
    const text = diagram(buildReport(analyzeResources(nativeStack({}))).topology, "none").text;
    expect(text.split("\n").filter((l) => l.includes("firewall") || l.includes("through it"))).toEqual([
      `  n3{{"firewall fw<br/>${FW_ADDRESS}"}}`,
      '  n0 ---|"P2S traffic through it"| n3',
    ]);
  });
});
