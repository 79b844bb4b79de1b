import { parseCidr } from "../../topology/cidr";
import type { Site, VpnGateway } from "../../topology/model";
import { joinList } from "../../topology/order";
import type { FieldKey, Sentence } from "../../topology/sentence";
import { fieldRef, sentence } from "../../topology/sentence";
import type { Finding, FindingCategory } from "../findings";
import { DEFAULT_PROTOCOLS } from "../platforms";
import { authenticationOf } from "../reach";

/** Azure's ASN for VPN gateways when BGP is on and no ASN is given; a gateway may use it, a site may not. */
export const AZURE_DEFAULT_ASN = 65515;

/** ASNs Azure reserves (VPN Gateway FAQ), 65515 aside. */
const RESERVED_ASNS: readonly [number, number][] = [
  [8074, 8075],
  [12076, 12076],
  [23456, 23456],
  [64496, 64511],
  [65517, 65520],
  [65535, 65551],
];

export function isReservedAsn(asn: number): boolean {
  return RESERVED_ASNS.some(([low, high]) => asn >= low && asn <= high);
}

/** A site may use none of Azure's reserved ASNs, 65515 included (spec 4a). */
export function isReservedSiteAsn(asn: number): boolean {
  return asn === AZURE_DEFAULT_ASN || isReservedAsn(asn);
}

const GENERATION2_SKUS = /^VpnGw[2-5](AZ)?$/i;
const NON_AZ_SKUS = /^VpnGw[1-5]$/i;
const RETIRED_SKUS = new Set(["standard", "highperformance"]);

function finding(category: FindingCategory, code: Finding["code"], resource: string, problem: Sentence, fix: Finding["fix"], subject?: string): Finding {
  return { category, code, resource, related: [], problem, fix, ...(subject !== undefined ? { subject } : {}) };
}

function hasP2s(gateway: VpnGateway): boolean {
  return gateway.clientPool.length > 0 || (gateway.groupPools ?? []).length > 0 || gateway.protocols !== undefined || gateway.authSettings !== undefined;
}

function ipv6Pools(gateway: VpnGateway): string[] {
  return [...gateway.clientPool, ...(gateway.groupPools ?? [])].filter((p) => {
    const parsed = parseCidr(p);
    return parsed.ok && parsed.cidr.family === 6;
  });
}

/** Collects one gateway's findings of a category; fields are spelled for that gateway. */
function findingsFor(category: FindingCategory, gateway: VpnGateway) {
  const out: Finding[] = [];
  const add = (code: Finding["code"], problem: Sentence, fix: Finding["fix"], subject?: string) => out.push(finding(category, code, gateway.id, problem, fix, subject));
  const field = (key: FieldKey) => fieldRef(gateway.id, key);
  return { out, add, field, id: gateway.id, name: gateway.name, listed: gateway.protocols ?? [] };
}

function isBasic(gateway: VpnGateway): boolean {
  return (gateway.sku ?? "").toLowerCase() === "basic";
}

/** Spec 4b: settings of one gateway that Azure rejects when it deploys them. */
export function checkGatewaySettings(gateway: VpnGateway): Finding[] {
  const { out, add, field, id, name, listed } = findingsFor("gateway-settings", gateway);
  const protocols = gateway.protocols ?? DEFAULT_PROTOCOLS;
  const p2s = hasP2s(gateway);
  const auth = p2s ? authenticationOf(gateway).types : [];

  if (p2s && gateway.routing.toLowerCase() === "policybased") {
    add(
      "policy-based-p2s",
      sentence`${name} is PolicyBased but declares a Point-to-Site configuration, which only RouteBased gateways support.`,
      { resource: id, field: "gateway.routing", action: "set", text: sentence`Set ${field("gateway.routing")} to RouteBased on ${name}.` },
    );
  }
  if (listed.includes("SSTP") && listed.includes("OpenVPN")) {
    add(
      "sstp-with-openvpn",
      sentence`${name} lists both SSTP and OpenVPN in ${field("gateway.protocols")}, which Azure rejects because both use TLS.`,
      { resource: id, field: "gateway.protocols", action: "remove", text: sentence`Remove SSTP; Windows users can connect with IKEv2 or the Azure VPN Client.` },
    );
  }
  if (auth.includes("AAD") && !protocols.includes("OpenVPN")) {
    add(
      "aad-without-openvpn",
      sentence`${name} uses Microsoft Entra ID authentication without OpenVPN in ${field("gateway.protocols")}, which Azure rejects: Entra ID works only over OpenVPN.`,
      { resource: id, field: "gateway.protocols", action: "add", text: sentence`Add OpenVPN to ${field("gateway.protocols")} of ${name}.` },
    );
  }
  if (isBasic(gateway)) {
    const unsupported: [string, string][] = [];
    if (listed.includes("OpenVPN")) unsupported.push(["OpenVPN", "OpenVPN"]);
    if (auth.includes("Radius")) unsupported.push(["Radius", "RADIUS authentication"]);
    if (auth.includes("AAD")) unsupported.push(["AAD", "Microsoft Entra ID authentication"]);
    if (gateway.bgp) unsupported.push(["BGP", "BGP"]);
    if (ipv6Pools(gateway).length > 0) unsupported.push(["IPv6", "an IPv6 client pool"]);
    for (const [subject, what] of unsupported) {
      add(
        "basic-sku-unsupported",
        sentence`${name} is a Basic SKU gateway with ${what}, which Azure rejects: Basic supports none of OpenVPN, RADIUS, Entra ID, BGP and IPv6 pools.`,
        { resource: id, field: "gateway.sku", action: "change", text: sentence`Set ${field("gateway.sku")} of ${name} to a VpnGw AZ SKU, or remove ${what}.` },
        subject,
      );
    }
  }
  if ((gateway.generation ?? "").toLowerCase() === "generation2" && gateway.sku !== undefined && !GENERATION2_SKUS.test(gateway.sku)) {
    add(
      "generation2-sku",
      sentence`${name} sets ${field("gateway.generation")} to Generation2 on the ${gateway.sku} SKU, which Azure rejects: Generation2 exists for VpnGw2-5 and VpnGw2AZ-5AZ only.`,
      {
        resource: id,
        field: "gateway.generation",
        action: "change",
        text: sentence`Set ${field("gateway.generation")} of ${name} to Generation1, or ${field("gateway.sku")} to VpnGw2AZ or larger.`,
      },
    );
  }
  const v6 = ipv6Pools(gateway);
  if (v6.length > 0 && listed.includes("SSTP")) {
    add(
      "ipv6-pool-with-sstp",
      sentence`${name} has the IPv6 client pool ${joinList(v6)} and lists SSTP, which Azure rejects.`,
      { resource: id, field: "gateway.protocols", action: "remove", text: sentence`Remove SSTP from ${field("gateway.protocols")} of ${name}, or use only IPv4 client pools.` },
    );
  }
  if (gateway.asn !== undefined && isReservedAsn(gateway.asn)) {
    add(
      "reserved-asn",
      sentence`${name} uses ASN ${gateway.asn} in ${field("gateway.asn")}, which Azure reserves.`,
      {
        resource: id,
        field: "gateway.asn",
        action: "change",
        text: sentence`Give ${name} a private ASN outside Azure's reserved ranges (8074-8075, 12076, 23456, 64496-64511, 65517-65520, 65535-65551), or Azure's default 65515.`,
      },
      String(gateway.asn),
    );
  }
  return out;
}

/** Spec 4a/4b: a site's ASN that Azure reserves. */
export function checkSiteSettings(site: Site): Finding[] {
  if (site.bgpAsn === undefined || !isReservedSiteAsn(site.bgpAsn)) return [];
  return [
    finding(
      "gateway-settings",
      "reserved-asn",
      site.id,
      sentence`${site.name} uses ASN ${site.bgpAsn}, which Azure reserves.`,
      {
        resource: site.id,
        field: "site.asn",
        action: "change",
        text: sentence`Give ${site.name} the real ASN of the on-premises device, outside 65515, 8074-8075, 12076, 23456, 64496-64511, 65517-65520 and 65535-65551.`,
      },
      String(site.bgpAsn),
    ),
  ];
}

/** Spec 4c: settings that deploy today and that Azure has retired or announced it will retire. */
export function checkRetiredFeatures(gateway: VpnGateway): Finding[] {
  const { out, add, field, id, name, listed } = findingsFor("retired-features", gateway);

  if (listed.includes("SSTP")) {
    add(
      "sstp-retiring",
      sentence`${name} lists SSTP in ${field("gateway.protocols")}, which Azure announced it retires: no gateway can enable it from 2026-03-31, and SSTP connections stop on 2027-03-31 (announced dates).`,
      {
        resource: id,
        field: "gateway.protocols",
        action: "remove",
        text: sentence`Replace SSTP with IkeV2 or OpenVPN; Windows users can connect with the built-in client over IKEv2 or with the Azure VPN Client.`,
      },
    );
  }
  const sku = gateway.sku ?? "";
  if (NON_AZ_SKUS.test(sku)) {
    add(
      "sku-retiring",
      sentence`${name} uses the ${sku} SKU, which Azure announced it no longer creates and migrates to the zone-redundant AZ SKUs.`,
      { resource: id, field: "gateway.sku", action: "change", text: sentence`Set ${field("gateway.sku")} of ${name} to ${sku}AZ.` },
      sku,
    );
  } else if (RETIRED_SKUS.has(sku.toLowerCase())) {
    add(
      "sku-retiring",
      sentence`${name} uses the ${sku} SKU, which Azure has retired.`,
      { resource: id, field: "gateway.sku", action: "change", text: sentence`Set ${field("gateway.sku")} of ${name} to a VpnGw AZ SKU.` },
      sku,
    );
  }
  for (const route of gateway.advertisedRoutes) {
    const parsed = parseCidr(route);
    if (!parsed.ok || parsed.cidr.length !== 0) continue;
    const routes = field("gateway.advertisedRoutePrefixes");
    add(
      "default-custom-route",
      sentence`${name} lists ${parsed.cidr.text} in ${routes}, and Microsoft says the gateway drops the internet-bound traffic it attracts.`,
      { resource: id, field: "gateway.advertisedRoutePrefixes", action: "change", text: sentence`Advertise 0.0.0.0/1 and 128.0.0.0/1 in ${routes} of ${name} instead, for forced tunnelling.` },
      parsed.cidr.text,
    );
  }
  const settings = gateway.authSettings;
  const present = settings ? [settings.aad && "Microsoft Entra ID", settings.certificates && "certificate", settings.radius && "RADIUS"].filter((x): x is string => typeof x === "string") : [];
  if (gateway.authTypes === undefined && present.length > 1) {
    add(
      "several-auth-settings",
      sentence`${name} has ${joinList(present)} settings but lists no ${field("gateway.authTypes")}, so Azure infers one type and some users cannot sign in.`,
      { resource: id, field: "gateway.authTypes", action: "set", text: sentence`List every type users sign in with in ${field("gateway.authTypes")} of ${name}.` },
    );
  }
  if (isBasic(gateway) && listed.includes("IkeV2")) {
    add(
      "basic-sku-ikev2",
      sentence`${name} lists IkeV2 on a Basic SKU gateway: Azure announced IKEv2 on Basic from November 2025, but its Point-to-Site documentation (2026) still says Basic does not support it.`,
      { resource: id, field: "gateway.sku", action: "change", text: sentence`Set ${field("gateway.sku")} of ${name} to a VpnGw AZ SKU so that IKEv2 clients connect for certain.` },
    );
  }
  return out;
}
