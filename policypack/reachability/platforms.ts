import type { Platform, Protocol, VpnGateway } from "../topology/model";
import { PLATFORMS } from "../topology/model";
import { isBasicSku } from "./topology-index";

export const PLATFORM_LABELS: Record<Platform, string> = {
  windows: "Windows",
  macos: "macOS",
  linux: "Linux",
  ios: "iOS",
  android: "Android",
};

/** Azure's default when a gateway lists no protocols. */
export const DEFAULT_PROTOCOLS: readonly Protocol[] = ["IkeV2", "SSTP"];

/** Protocols a gateway SKU supports for P2S: Basic has SSTP only. */
export function skuSupports(gateway: VpnGateway, protocol: Protocol): boolean {
  return !isBasicSku(gateway) || protocol === "SSTP";
}

export function isPlatform(value: string): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value);
}

