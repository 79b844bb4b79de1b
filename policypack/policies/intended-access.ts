import type { StackAnalysis } from "../pipeline/stack-analysis";
import { evaluateIntents, intentsFromConfig } from "../intents/intents";
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
const TARGET_LIST = {
  type: "array",
  maxItems: MAX_LIST,
  items: {
    type: "string",
    maxLength: MAX_NAME_LENGTH,
    description:
      "A network's Pulumi or Azure name, or a CIDR inside one, optionally with one port or range as TARGET:PORTS[/PROTOCOL]: app:443, 10.2.1.0/24:3389/tcp, app:8000-8100/udp, pci:* (every port), app:*/icmp; the protocol defaults to tcp.",
  },
};

function evaluate(stack: StackAnalysis, config: Record<string, unknown>) {
  return evaluateIntents(stack.analysis, [...intentsFromConfig(config.intents), ...stack.tagIntents.intents], stack.intentScope);
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
            pools: {
              type: "array",
              maxItems: MAX_LIST,
              items: { type: "string", maxLength: MAX_NAME_LENGTH },
              description:
                "The client pools the intent is about, as address prefixes or names of user-group configurations; every pool of the gateway by default.",
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
