import type { AnalyzerInput } from "./analyzer-client";

/** One registration as the Pulumi engine receives it from the language runtime. */
export interface Registration {
  type: string;
  name: string;
  urn: string;
  custom: boolean;
  parent?: string;
  /** Inputs on the wire: unknowns as the sentinel string, secrets as secret envelopes. */
  inputs: Record<string, unknown>;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** The id and Azure name a deployment would give it (deployed mode only). */
  id?: string;
  azureName?: string;
  /** What Azure computes beyond the inputs: sub-resources' ids, private addresses (deployed mode only). */
  computed?: Record<string, unknown>;
}

/** What AnalyzeStack receives: outputs (preview: the checked inputs, with unknowns). */
export function toAnalyzerInputs(registrations: Registration[]): AnalyzerInput[] {
  return registrations.map((r) => ({
    type: r.type,
    urn: r.urn,
    name: r.name,
    properties: r.id !== undefined ? { ...r.inputs, ...r.computed, id: r.id, name: r.azureName } : r.inputs,
    parent: r.parent,
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
  }));
}
