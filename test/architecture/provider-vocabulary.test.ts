import * as fs from "fs";
import * as path from "path";
import { AZURE_NATIVE_FIELDS } from "../../policypack/extract/azure-native-fields";
import { CLASSIC_FIELDS } from "../../policypack/extract/field-spelling";
import { ROOT, sourceFiles } from "./source-files";

/**
 * Provider property names: every segment of the spellings the extraction gives messages (azure-native
 * and classic), and the properties it reads. Single plain words (sku, name, id) are English as much as Azure and are
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
    ...[...Object.values(AZURE_NATIVE_FIELDS), ...Object.values(CLASSIC_FIELDS)].flatMap((s) => s.split(/[.[\]*]+/)),
    ...READ_BY_EXTRACTION,
  ]),
].filter((w) => /[a-z][A-Z0-9]/.test(w));

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

  it.each(["policypack/topology", "policypack/reachability"])("keeps provider property names out of %s", (folder) => {
    expect(occurrences(folder)).toEqual([]);
  });
});
