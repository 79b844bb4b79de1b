import * as path from "path";
import { POLICIES } from "../policypack/policies/catalogue";
import { sampleStackInputs } from "./sample-inputs";
import { PolicyPackProcess } from "./analyzer-client";

/**
 * CI's check of the pack as Pulumi Cloud installs it: `node dist/offline/check-published-pack.js DIR`
 * where DIR holds `npm pack` of policypack/ installed from its own manifest. It starts the pack with
 * DIR's own run-policy-pack, as the CLI does, and expects the pci-leak preview's violations.
 */
async function main(dir: string): Promise<number> {
  const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [dir] });
  const pack = await PolicyPackProcess.start(dir, "127.0.0.1:0", runPolicyPack);
  try {
    await pack.configureStack("dev", "azure-p2s-routing-sample", true);
    const info = await pack.getAnalyzerInfo();
    const inputs = await sampleStackInputs("pci-leak", true);
    const got = [...(await pack.analyzeStack(inputs)), ...(await Promise.all(inputs.map((r) => pack.analyze(r)))).flat()]
      .map((d) => `${d.enforcementLevel} ${d.policyName} ${d.urn.split("::").pop() || "(stack)"}`)
      .sort();
    const expected = ["advisory p2s-windows-manual-routes hub-gw", "mandatory p2s-intended-access pci-to-hub"];
    // Every policy of the catalogue this repository tests, published.
    const ok = info.policies.length === POLICIES.length && JSON.stringify(got) === JSON.stringify(expected);
    console.log(
      `${ok ? "ok" : "FAILED"}: ${info.name}@${info.version} from ${path.basename(dir)}, ${info.policies.length} policies; got ${JSON.stringify(got)}`,
    );
    return ok ? 0 : 1;
  } finally {
    await pack.stop();
  }
}

main(path.resolve(process.argv[2] ?? ".")).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`FAILED: ${e.message}`);
    process.exit(1);
  },
);
