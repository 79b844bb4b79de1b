import { PolicyPack } from "@pulumi/policy";
import { policies } from "./pack/policies";

new PolicyPack("azure-p2s-routing", {
  description: "Checks before deployment what Azure Point-to-Site VPN clients will reach, per client platform.",
  provider: "azure",
  policies,
});
