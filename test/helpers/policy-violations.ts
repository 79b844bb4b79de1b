import { spellAzureNative } from "../../policypack/extract/providers/providers";
import type { PolicyModule } from "../../policypack/pipeline/policy-module";
import type { StackAnalysis } from "../../policypack/pipeline/stack-analysis";
import { analyzeExtraction } from "../../policypack/pipeline/stack-analysis";
import { violationsOf } from "../../policypack/pipeline/violations-of";
import { POLICIES } from "../../policypack/policies/catalogue";
import type { Topology } from "../../policypack/topology/model";
import { TopologyBuilder } from "./topology-builder";

/** A built topology as one stack's extraction gives it from azure-native resources whose ids are their names. */
export function stackOf(topology: Topology): StackAnalysis {
  return analyzeExtraction({ topology, urns: new Map(), notes: [], spell: spellAzureNative, coverage: { read: 1, notRead: [] } });
}

/** A policy of the pack's catalogue, by its name. */
export function policyNamed(name: string): PolicyModule {
  const policy = POLICIES.find((p) => p.name === name);
  if (!policy) throw new Error(`no policy ${name}; have ${POLICIES.map((p) => p.name).join(", ")}`);
  return policy;
}

/** One violation as a test compares it: the code, the resource to change ("(stack)" for the whole stack) and the message. */
export type Written = [code: string, resource: string, message: string];

/** The violations one policy reports on a topology, given its own configuration; all of them, so a failure prints what was got. */
export function violationsFound(policy: string, topology: Topology, config: Record<string, unknown> = {}): Written[] {
  return violationsOf(policyNamed(policy), stackOf(topology), config).map((v) => [v.code, v.resource ?? "(stack)", v.message]);
}

/** A copy of `topology` with the records `add` declares appended: the test's single change when it adds something. */
export function plus(topology: Topology, add: (b: TopologyBuilder) => TopologyBuilder): Topology {
  const extra = add(new TopologyBuilder()).build();
  const copy = structuredClone(topology);
  copy.vnets.push(...extra.vnets);
  copy.sites.push(...extra.sites);
  copy.gateways.push(...extra.gateways);
  copy.peerings.push(...extra.peerings);
  copy.connections.push(...extra.connections);
  if (extra.dns) {
    copy.dns ??= { zones: [], links: [], endpoints: [], resolvers: [], inbound: [] };
    for (const kind of ["zones", "links", "endpoints", "resolvers", "inbound"] as const)
      (copy.dns[kind] as unknown[]).push(...extra.dns[kind]);
  }
  return copy;
}
