import * as fs from "fs";
import * as path from "path";
import { PROVIDERS } from "../../policypack/extract/providers/providers";
import { ROOT, sourceFiles } from "./source-files";

/**
 * Provider property names: every step of every path in the provider records (what messages name
 * and what extraction reads), and the properties both providers share that extraction reads. Single plain words (sku, name, id) are English as much as Azure and are
 * left out; every camelCase name is Azure's own.
 */
const READ_BY_EXTRACTION = [
  "addressSpace",
  "connectionType",
  "dhcpOptions",
  "gatewayType",
  "ipConfigurations",
  "localNetworkGateway2",
  "remoteVirtualNetwork",
  "virtualNetworkGateway1",
  "virtualNetworkGateway2",
  "virtualNetworkName",
  "virtualNetworkPeerings",
  "vpnClientConfiguration",
];
const AZURE_NATIVE_NAMES = [
  ...new Set([
    ...Object.values(PROVIDERS).flatMap((record) => [...Object.values(record.fields).flatMap((f) => f.path), ...stepsOf(record.read)]),
    ...READ_BY_EXTRACTION,
  ]),
].filter((w) => /[a-z][A-Z0-9]/.test(w));

/** Every string in a record's read paths: property names, and the names references go by. */
function stepsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stepsOf);
  return value !== null && typeof value === "object" ? Object.values(value).flatMap(stepsOf) : [];
}

function occurrences(folder: string): string[] {
  const pattern = new RegExp(`\\b(${AZURE_NATIVE_NAMES.join("|")})\\b`, "g");
  return sourceFiles(folder).flatMap((file) =>
    fs
      .readFileSync(path.join(ROOT, file), "utf8")
      .split("\n")
      .flatMap((line, i) => [...line.matchAll(pattern)].map((m) => `${file}:${i + 1}: ${m[1]}`)),
  );
}

describe("provider vocabulary", () => {
  it("checks the names that azure-native users would recognise", () => {
    expect(AZURE_NATIVE_NAMES).toEqual(
      expect.arrayContaining(["vpnClientProtocols", "customRoutes", "useRemoteGateways", "enableBgp", "bgpSettings"]),
    );
  });

  it.each(["policypack/topology", "policypack/reachability", "policypack/filters", "policypack/checks", "policypack/intents"])(
    "keeps provider property names out of %s",
    (folder) => {
      expect(occurrences(folder)).toEqual([]);
    },
  );
});
