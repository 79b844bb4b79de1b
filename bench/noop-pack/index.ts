import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "../../policypack/policies/catalogue";

/**
 * The baseline for the benchmark: the same policies, doing nothing. What AnalyzeStack
 * costs here is the framework's own work: receiving the request and deserialising the resources
 * for each stack policy.
 */
new PolicyPack("azure-p2s-routing-noop", {
  policies: POLICIES.map((d) => ({
    name: d.name,
    description: d.description,
    enforcementLevel: d.enforcementLevel,
    ...(d.kind === "resource" ? { validateResource: () => undefined } : { validateStack: () => undefined }),
  })),
});
