import * as pulumi from "@pulumi/pulumi";
import { SCENARIOS, declareStack, isScenario } from "./declare-stack";

const config = new pulumi.Config();
const scenario = config.get("scenario") ?? "hub";
if (!isScenario(scenario)) {
  throw new Error(`scenario must be one of ${SCENARIOS.join(", ")}; got "${scenario}"`);
}
declareStack(scenario, config);
