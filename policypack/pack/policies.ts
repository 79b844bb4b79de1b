import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { POLICIES } from "../policies/catalogue";
import { pulumiPolicy } from "./pulumi-policy";

export const policies: (StackValidationPolicy | ResourceValidationPolicy)[] = POLICIES.map(pulumiPolicy);
