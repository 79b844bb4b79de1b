import type { AuthType, Platform, Protocol } from "../topology/model";

/** Where a client's routes come from: the package's static list, or the gateway when it connects. */
export type RouteSource = "static" | "pushed";

/** A VPN client users connect with (spec section 1); one row per client, so a new one is one line. */
export interface ClientSpec {
  id: string;
  label: string;
  /** What users run, where it differs from the label: "strongSwan" on Linux. */
  platformLabels?: Partial<Record<Platform, string>>;
  platforms: readonly Platform[];
  protocols: readonly Protocol[];
  authentication: readonly AuthType[];
  routes: RouteSource;
  /** The most routes the client accepts over a protocol (spec 4a, VPN Gateway FAQ). */
  routeLimit?: { protocol: Protocol; max: number; why: string };
}

const OPENVPN_LIMIT = { protocol: "OpenVPN", max: 1000, why: "the routes OpenVPN clients accept" } as const;

export const CLIENTS: readonly ClientSpec[] = [
  {
    id: "azure-vpn-client",
    label: "Azure VPN Client",
    platforms: ["windows", "macos"],
    protocols: ["OpenVPN"],
    authentication: ["AAD", "Certificate"],
    routes: "pushed",
    routeLimit: OPENVPN_LIMIT,
  },
  {
    id: "ikev2",
    label: "IKEv2 client",
    platformLabels: { macos: "built-in IKEv2 client", ios: "built-in IKEv2 client", linux: "strongSwan", android: "strongSwan" },
    platforms: ["macos", "linux", "ios", "android"],
    protocols: ["IkeV2"],
    authentication: ["Certificate", "Radius"],
    routes: "pushed",
  },
  {
    id: "openvpn",
    label: "OpenVPN client",
    platformLabels: {
      windows: "OpenVPN Connect",
      macos: "Tunnelblick or OpenVPN Connect",
      linux: "OpenVPN",
      ios: "OpenVPN Connect",
      android: "OpenVPN Connect",
    },
    platforms: ["windows", "macos", "linux", "ios", "android"],
    protocols: ["OpenVPN"],
    authentication: ["Certificate", "Radius"],
    routes: "pushed",
    routeLimit: OPENVPN_LIMIT,
  },
  {
    id: "windows-builtin",
    label: "Windows built-in client",
    platforms: ["windows"],
    protocols: ["IkeV2", "SSTP"],
    authentication: ["Certificate", "Radius"],
    routes: "static",
    routeLimit: {
      protocol: "IkeV2",
      max: 255,
      why: "the traffic selectors Windows accepts over IKEv2 (25 before Windows 10 version 2004)",
    },
  },
];

export function clientLabel(client: ClientSpec, platform: Platform): string {
  return client.platformLabels?.[platform] ?? client.label;
}
