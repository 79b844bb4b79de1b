import type { Topology } from "../../policypack/topology/model";
import { POOL, baseline, flowsOf, nsgRule } from "./baseline";

/** Spec F2: a NIC's own NSG decides for its addresses after the subnet's NSG. */
function withNic(nsgRules: ReturnType<typeof nsgRule>[]): Topology {
  const t = structuredClone(baseline());
  t.nics = [{ id: "vm-nic", name: "vm-nic", subnet: "app/web", addresses: ["10.1.1.4"], nsg: { id: "nsg-vm", name: "nsg-vm" } }];
  t.nsgs = [...(t.nsgs ?? []), { id: "nsg-vm", name: "nsg-vm", rules: nsgRules }];
  return t;
}

describe("a NIC's own network security group (F2)", () => {
  it("keeps TCP 443 allowed when the NIC's NSG allows it too", () => {
    const t = withNic([nsgRule("allow-https", 100, { sources: [POOL], destinationPorts: ["443"] })]);
    expect(flowsOf(t, "app/web").filter((f) => f[0] === "allowed")).toEqual([
      ["allowed", "nsg-app/allow-https (100)", ["tcp 172.16.201.0/24 443"]],
    ]);
  });

  it("makes TCP 443 not checked when the NIC's NSG denies it for the NIC's address", () => {
    const t = withNic([nsgRule("deny-vpn", 100, { access: "deny", sources: [POOL] })]);
    expect(flowsOf(t, "app/web").filter((f) => f[0] !== "denied")).toEqual([
      [
        "not checked",
        "vm-nic's network security group",
        "may not allow it for the addresses of vm-nic (10.1.1.4)",
        ["tcp 172.16.201.0/24 443"],
      ],
    ]);
  });
});
