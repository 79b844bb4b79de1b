import { recordProgram } from "../../offline/record-program";
import type { Registration } from "../../offline/registration";

/** Runs a program written in a test with @pulumi/pulumi's runtime (the sample stack's scenarios are recorded once). */
export async function record(
  program: () => unknown,
  preview: boolean,
  existing?: ReadonlySet<string>,
  stack = "dev",
): Promise<Registration[]> {
  return recordProgram(program, { project: "azure-p2s-routing-sample", stack, preview, existing });
}
