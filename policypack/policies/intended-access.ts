import type { StackAnalysis } from "../pipeline/stack-analysis";
import type { Intent } from "../intents/intents";
import { evaluateIntents } from "../intents/intents";
import { MAX_STACK_PATTERN_LENGTH } from "../topology/stack-pattern";
import type { PolicyModule } from "../pipeline/policy-module";
import { PLATFORM_LIST_SCHEMA, documentationUrl } from "../pipeline/policy-module";

const NAME = "p2s-intended-access";

/**
 * Bounds that keep validation, its explanations and the evaluation of every stack's preview
 * short, whatever a policy group's configuration holds; far above what an organisation writes.
 */
const MAX_LIST = 1000;
const MAX_NAME_LENGTH = 256;
const TARGET_LIST = { type: "array", maxItems: MAX_LIST, items: { type: "string", maxLength: MAX_NAME_LENGTH } };

function configIntents(config: Record<string, unknown>): Intent[] {
  const value = config.intents;
  if (!Array.isArray(value)) return [];
  return value.map((raw, i) => {
    const bag = (raw !== null && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
    const texts = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
    return {
      origin: `intent ${i + 1} of the policy configuration`,
      gateway: typeof bag.gateway === "string" ? bag.gateway : "*",
      platforms: Array.isArray(bag.platforms) ? texts(bag.platforms) : undefined,
      reach: texts(bag.reach),
      deny: texts(bag.deny),
      ...(Array.isArray(bag.stacks) ? { stacks: texts(bag.stacks) } : {}),
    };
  });
}

function evaluate(stack: StackAnalysis, config: Record<string, unknown>) {
  return evaluateIntents(stack.analysis, [...configIntents(config), ...stack.tagIntents.intents], stack.intentScope);
}

export const intendedAccess: PolicyModule = {
  kind: "stack",
  name: NAME,
  description:
    "Checks that Point-to-Site VPN clients reach every network they must reach and no network they must not, as stated in policy configuration and in p2s-access, p2s-reach and p2s-deny tags.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["azure", "p2s-vpn", "access-control"],
  url: documentationUrl(NAME),
  remediationSteps: "Change the peering, connection or gateway the message names, or correct the intent if it names the wrong target.",
  configSchema: {
    properties: {
      intents: {
        type: "array",
        maxItems: MAX_LIST,
        items: {
          type: "object",
          properties: {
            gateway: { type: "string", maxLength: MAX_NAME_LENGTH, description: "A P2S gateway's Pulumi or Azure name, or * for all." },
            platforms: PLATFORM_LIST_SCHEMA,
            reach: TARGET_LIST,
            deny: TARGET_LIST,
            stacks: {
              type: "array",
              maxItems: MAX_LIST,
              items: { type: "string", maxLength: MAX_STACK_PATTERN_LENGTH },
              description: 'The stacks the intent is about, as "project/stack" patterns with *; strict there, ignored elsewhere.',
            },
          },
          required: ["gateway"],
          additionalProperties: false,
        },
      },
    },
  },
  problems: (stack, config) => [...stack.tagIntents.violations, ...evaluate(stack, config).violations],
  notes: (stack, config) => evaluate(stack, config).notes,
};
