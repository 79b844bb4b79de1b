import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { POLICIES } from "./catalogue";
import { pulumiPolicy } from "./pulumi-policy";

export const policies: (StackValidationPolicy | ResourceValidationPolicy)[] = POLICIES.map(pulumiPolicy);
