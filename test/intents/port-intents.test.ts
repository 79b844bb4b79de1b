import { evaluateIntents } from "../../policypack/intents/intents";
import type { Intent } from "../../policypack/intents/intents";
import { analyze } from "../../policypack/pipeline/analyze";
import type { Topology } from "../../policypack/topology/model";
import { spelled } from "../helpers/spelled";
import { POOL, baseline, changedPath, nsgRule } from "../paths/baseline";

/** Intents with ports and pools (spec section 5, F4) on the paths baseline: fw and nsg-app allow TCP 443 from the pool to app/web. */
function intent(changes: Partial<Intent>): Intent {
  return { origin: "intent 1 of the policy configuration", gateway: "hub-gw", reach: [], deny: [], ...changes };
}

function results(topology: Topology, ...intents: Intent[]): { violations: string[][]; notes: string[] } {
  const result = evaluateIntents(analyze(topology), intents);
  return {
    violations: result.violations.map((v) => [v.code, v.resource ?? "", `${spelled(v.problem)} ${spelled(v.fix)}`]),
    notes: result.notes,
  };
}

const denyVpn = (t: Topology) =>
  changedPath(t, "nsgs", "nsg-app", (n) => ({
    ...n,
    rules: [...n.rules, nsgRule("deny-vpn", 50, { access: "deny", sources: [POOL], destinationPorts: ["443"] })],
  }));

describe("intent targets with ports", () => {
  it("holds a required app:443 that the firewall and the NSG allow in the baseline", () => {
    expect(results(baseline(), intent({ reach: ["app:443"] }))).toEqual({ violations: [], notes: [] });
  });

  it("reports a required app:443 denied by an NSG rule, naming the rule and the fix", () => {
    expect(results(denyVpn(baseline()), intent({ reach: ["app:443"] }))).toEqual({
      violations: [
        [
          "intent.required-not-reached",
          "nsg-app",
          "Clients of hub-gw (172.16.201.0/24) cannot reach app on TCP 443, which intent 1 of the policy configuration requires: nsg-app rule deny-vpn (priority 50) denies 172.16.201.0/24. Allow 172.16.201.0/24 to port 443 in nsg-app at a priority below 50.",
        ],
      ],
      notes: [],
    });
  });

  it("reports a required port the firewall does not allow, naming its default denial", () => {
    expect(results(baseline(), intent({ reach: ["app:22"] })).violations).toEqual([
      [
        "intent.required-not-reached",
        "fw",
        "Clients of hub-gw (172.16.201.0/24) cannot reach app on TCP 22, which intent 1 of the policy configuration requires: the default of fw denies 172.16.201.0/24. Allow 172.16.201.0/24 to port 22 in a network rule collection of fw.",
      ],
    ]);
  });

  it("keeps a required port that is only not checked out of the violations and says so in a note", () => {
    const t = changedPath(baseline(), "subnets", "app/web", { nsg: "unknown" });
    expect(results(t, intent({ reach: ["app:443"] }))).toEqual({
      violations: [],
      notes: [
        "Whether clients of hub-gw (172.16.201.0/24) reach app on TCP 443, which intent 1 of the policy configuration requires, is not checked: its network security group is not known before deployment.",
      ],
    });
  });

  it("reports a forbidden port the NSG allows", () => {
    expect(results(baseline(), intent({ deny: ["app:443"] })).violations).toEqual([
      [
        "intent.forbidden-reached",
        "nsg-app",
        "Clients of hub-gw (172.16.201.0/24) reach app on TCP 443, which intent 1 of the policy configuration forbids: nsg-app rule allow-https (priority 100) allows it in app/web. Deny 172.16.201.0/24 to port 443 in nsg-app at a priority below 100.",
      ],
    ]);
  });

  it("holds a forbidden port that every subnet surely denies", () => {
    expect(results(baseline(), intent({ deny: ["app:3389"] }))).toEqual({ violations: [], notes: [] });
  });

  it("judges only the pools an intent selects: half the pool denied, the intent about the other half holds", () => {
    const t = changedPath(denyVpn(baseline()), "nsgs", "nsg-app", (n) => ({
      ...n,
      rules: n.rules.map((r) => (r.name === "deny-vpn" ? { ...r, sources: ["172.16.201.0/25"] } : r)),
    }));
    expect(results(t, intent({ reach: ["app:443"], pools: ["172.16.201.128/25"] }))).toEqual({ violations: [], notes: [] });
    expect(results(t, intent({ reach: ["app:443"] })).violations.map((v) => v[2].split(":")[0])).toEqual([
      "Clients of hub-gw (172.16.201.0/25) cannot reach app on TCP 443, which intent 1 of the policy configuration requires",
    ]);
  });

  it("judges a CIDR target with ports in the subnets it overlaps", () => {
    expect(results(denyVpn(baseline()), intent({ reach: ["10.1.1.0/24:443/tcp"] })).violations.map((v) => v[1])).toEqual(["nsg-app"]);
  });

  it("selects the pools of a user group an intent names, and notes a name that is neither a prefix nor a group", () => {
    const t = changedPath(denyVpn(baseline()), "nsgs", "nsg-app", (n) => ({
      ...n,
      rules: n.rules.map((r) => (r.name === "deny-vpn" ? { ...r, sources: ["172.16.201.0/25"] } : r)),
    }));
    t.gateways = t.gateways.map((g) => ({ ...g, userGroups: [{ name: "admins", pools: ["172.16.201.128/25"] }] }));
    expect(results(t, intent({ reach: ["app:443"], pools: ["Admins"] }))).toEqual({ violations: [], notes: [] });
    expect(results(t, intent({ reach: ["app:443"], pools: ["contractors"] })).notes).toEqual([
      "Intent 1 of the policy configuration names pools that hold no client address of hub-gw, so app on TCP 443 is not checked for it.",
      "Intent 1 of the policy configuration names the pool contractors, which is neither a prefix nor a user group of hub-gw.",
    ]);
  });
});
