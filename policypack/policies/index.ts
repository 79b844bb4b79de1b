import type { StackValidationPolicy } from "@pulumi/policy";
import { POLICIES } from "./catalogue";
import { stackPolicy } from "./stack-policy";

export const policies: StackValidationPolicy[] = POLICIES.map(stackPolicy);
