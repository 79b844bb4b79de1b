import { parseCidr } from "../topology/cidr";
import {
  AZURE_DEFAULT_ASN,
  authenticationOf,
  declaresP2s,
  isBasicSku,
  isPolicyBased,
  protocolsOf,
  retiredSku,
  skuWithoutGeneration2,
} from "../topology/gateway";
import type { PublicIp, Site, VpnGateway } from "../topology/model";
import { joinList } from "../topology/order";
import { quoted } from "../topology/quoted";
import type { FieldKey, FieldRef, Sentence } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { Finding, FindingCategory } from "../reachability/findings";
import { finding } from "../reachability/findings";

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

function ipv6Pools(gateway: VpnGateway): string[] {
  return [...gateway.clientPool, ...(gateway.groupPools ?? [])].filter((p) => {
    const parsed = parseCidr(p);
    return parsed.ok && parsed.cidr.family === 6;
  });
}

/** Collects one gateway's findings of a category; fields are spelled for that gateway. */
function findingsFor(category: FindingCategory, gateway: VpnGateway) {
  const out: Finding[] = [];
  const add = (code: Finding["code"], problem: Sentence, fix: Finding["fix"], subject?: string) =>
    out.push(finding(category, { code, resource: gateway.id, problem, fix, subject }));
  const field = (key: FieldKey) => fieldRef(gateway.id, key);
  return { out, add, field, id: gateway.id, name: gateway.name, listed: gateway.protocols ?? [] };
}

/** Spec 4b: settings of one gateway that Azure rejects when it deploys them. */
export function checkGatewaySettings(gateway: VpnGateway): Finding[] {
  // A hub's P2S gateway takes its settings from its server configuration, which W8 checks (virtual-wan-checks.ts).
  if (gateway.hub) return [];
  const { out, add, field, id, name, listed } = findingsFor("gateway-settings", gateway);
  const { protocols } = protocolsOf(gateway);
  const p2s = declaresP2s(gateway);
  const auth = p2s ? authenticationOf(gateway).types : [];

  if (p2s && isPolicyBased(gateway)) {
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
      {
        resource: id,
        field: "gateway.protocols",
        action: "remove",
        text: sentence`Remove SSTP; Windows users can connect with IKEv2 or the Azure VPN Client.`,
      },
    );
  }
  if (auth.includes("AAD") && !protocols.includes("OpenVPN")) {
    add(
      "aad-without-openvpn",
      sentence`${name} uses Microsoft Entra ID authentication without OpenVPN in ${field("gateway.protocols")}, which Azure rejects: Entra ID works only over OpenVPN.`,
      { resource: id, field: "gateway.protocols", action: "add", text: sentence`Add OpenVPN to ${field("gateway.protocols")} of ${name}.` },
    );
  }
  if (isBasicSku(gateway)) {
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
        {
          resource: id,
          field: "gateway.sku",
          action: "change",
          text: sentence`Set ${field("gateway.sku")} of ${name} to a VpnGw AZ SKU, or remove ${what}.`,
        },
        subject,
      );
    }
  }
  const withoutGeneration2 = skuWithoutGeneration2(gateway);
  if (withoutGeneration2 !== undefined) {
    add(
      "generation2-sku",
      sentence`${name} sets ${field("gateway.generation")} to Generation2 on the ${withoutGeneration2} SKU, which Azure rejects: Generation2 exists for VpnGw2-5 and VpnGw2AZ-5AZ only.`,
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
    add("ipv6-pool-with-sstp", sentence`${name} has the IPv6 client pool ${joinList(v6)} and lists SSTP, which Azure rejects.`, {
      resource: id,
      field: "gateway.protocols",
      action: "remove",
      text: sentence`Remove SSTP from ${field("gateway.protocols")} of ${name}, or use only IPv4 client pools.`,
    });
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
  checkEntraSettings(gateway, add, field);
  return out;
}

/** A tenant as Microsoft Entra ID's sign-in and token URLs end with it. */
const TENANT_ID = /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;
/** A tenant URL: https://login.microsoftonline.com/{tenant} in Azure public cloud, another login. host elsewhere. */
const TENANT_URL = /^https:\/\/login\.[a-z0-9.-]+\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/?$/i;
/** The longest declared value a message quotes: a tenant or issuer URL fits. */
const QUOTED_LENGTH = 100;

/**
 * Spec 4a: Microsoft Entra ID settings that deploy but fail users' sign-ins (vpn-gateway-entra-audience-values,
 * point-to-site-entra-gateway): the issuer's trailing slash, a tenant that is no tenant URL, two tenants.
 */
function checkEntraSettings(gateway: VpnGateway, add: ReturnType<typeof findingsFor>["add"], field: (key: FieldKey) => FieldRef): void {
  const { tenant, issuer } = gateway.aad ?? {};
  const name = gateway.name;
  const tenantField = field("gateway.entraTenant");
  const issuerField = field("gateway.entraIssuer");
  const newProfile = "Users then need a new client profile.";
  if (issuer !== undefined && !issuer.endsWith("/")) {
    add(
      "entra-issuer-without-slash",
      sentence`${issuerField} of ${name} is ${quoted(issuer, QUOTED_LENGTH)}, without the trailing /, so Microsoft Entra ID sign-ins might fail.`,
      {
        resource: gateway.id,
        field: "gateway.entraIssuer",
        action: "set",
        text: sentence`Set ${issuerField} of ${name} to ${quoted(`${issuer}/`, QUOTED_LENGTH)}. ${newProfile}`,
      },
    );
  }
  if (tenant !== undefined && !TENANT_URL.test(tenant)) {
    add(
      "entra-tenant-invalid",
      sentence`${tenantField} of ${name} is ${quoted(tenant, QUOTED_LENGTH)}, which names no tenant (a tenant URL ends with the tenant's ID), so users cannot sign in.`,
      {
        resource: gateway.id,
        field: "gateway.entraTenant",
        action: "set",
        text: sentence`Set ${tenantField} of ${name} to https://login.microsoftonline.com/<tenant ID>/ with the ID of the tenant users sign in to. ${newProfile}`,
      },
    );
  }
  const tenantId = tenant !== undefined ? TENANT_ID.exec(tenant)?.[1] : undefined;
  const issuerId = issuer !== undefined ? TENANT_ID.exec(issuer.endsWith("/") ? issuer : `${issuer}/`)?.[1] : undefined;
  if (tenantId !== undefined && issuerId !== undefined && tenantId.toLowerCase() !== issuerId.toLowerCase()) {
    add(
      "entra-tenant-issuer-mismatch",
      sentence`${tenantField} and ${issuerField} of ${name} name different tenants (${tenantId} and ${issuerId}), so sign-ins fail.`,
      {
        resource: gateway.id,
        field: "gateway.entraIssuer",
        action: "set",
        text: sentence`Set ${issuerField} of ${name} to https://sts.windows.net/${tenantId}/, the tenant of ${tenantField}, or correct ${tenantField}. ${newProfile}`,
      },
    );
  }
}

/** Spec 4a/4b: a site's ASN that Azure reserves. */
export function checkSiteSettings(site: Site): Finding[] {
  if (site.bgpAsn === undefined || !isReservedSiteAsn(site.bgpAsn)) return [];
  return [
    finding("gateway-settings", {
      code: "reserved-asn",
      resource: site.id,
      problem: sentence`${site.name} uses ASN ${site.bgpAsn}, which Azure reserves.`,
      fix: {
        resource: site.id,
        field: "site.asn",
        action: "change",
        text: sentence`Give ${site.name} the real ASN of the on-premises device, outside 65515, 8074-8075, 12076, 23456, 64496-64511, 65517-65520 and 65535-65551.`,
      },
      subject: String(site.bgpAsn),
    }),
  ];
}

/** The Azure VPN Client's app registered by hand before Microsoft registered its own (Azure public, US Government, Germany, 21Vianet). */
const LEGACY_AUDIENCES = ["41b23e61-6c1e-4545-b367-cd054e0ed4b4", "51bb15d4-", "538ee9e6-", "49f817b6-"];
const MICROSOFT_REGISTERED_AUDIENCE = "c632b3df-fb67-4d84-bdcf-b95ad541b5c8";

/** Spec 4c: settings that deploy today and that Azure has retired or announced it will retire. */
export function checkRetiredFeatures(gateway: VpnGateway, publicIps: readonly PublicIp[] = []): Finding[] {
  if (gateway.hub) return [];
  const { out, add, field, id, name, listed } = findingsFor("retired-features", gateway);

  if (listed.includes("SSTP")) {
    add(
      "sstp-retiring",
      sentence`${name} lists SSTP in ${field("gateway.protocols")}, which Azure retired as announced: no gateway can enable it since 2026-03-31, and SSTP connections stop on 2027-03-31.`,
      {
        resource: id,
        field: "gateway.protocols",
        action: "remove",
        text: sentence`Replace SSTP with IkeV2 or OpenVPN; Windows users can connect with the built-in client over IKEv2 or with the Azure VPN Client.`,
      },
    );
  }
  const offered = protocolsOf(gateway);
  if (declaresP2s(gateway) && !gateway.deployed && offered.assumed && !gateway.protocolsHidden) {
    add(
      "protocols-not-declared",
      sentence`${name} lists no ${field("gateway.protocols")}, and what Azure gives a gateway created since SSTP's retirement is not documented (the analysis assumes ${joinList(offered.protocols)}).`,
      {
        resource: id,
        field: "gateway.protocols",
        action: "set",
        text: sentence`List the protocols users connect with in ${field("gateway.protocols")} of ${name}, such as IkeV2 and OpenVPN, which together serve every platform.`,
      },
    );
  }
  const sku = gateway.sku ?? "";
  const retired = retiredSku(gateway);
  if (retired === "non-az") {
    add(
      "sku-retiring",
      sentence`${name} uses the ${sku} SKU, which Azure retired on 2026-09-30 as announced: it creates no gateway of the non-AZ SKUs and migrates existing ones to the zone-redundant AZ SKUs itself.`,
      skuFix(gateway, `${sku}AZ`, publicIps),
      sku,
    );
  } else if (retired === "legacy") {
    add(
      "sku-retiring",
      sentence`${name} uses the ${sku} SKU, which Azure retired for VPN gateways in March 2026 as announced.`,
      skuFix(gateway, "a VpnGw AZ SKU (VpnGw1AZ is the smallest)", publicIps),
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
      {
        resource: id,
        field: "gateway.advertisedRoutePrefixes",
        action: "change",
        text: sentence`Advertise 0.0.0.0/1 and 128.0.0.0/1 in ${routes} of ${name} instead, for forced tunnelling.`,
      },
      parsed.cidr.text,
    );
  }
  const settings = gateway.authSettings;
  const present = settings
    ? [settings.aad && "Microsoft Entra ID", settings.certificates && "certificate", settings.radius && "RADIUS"].filter(
        (x): x is string => typeof x === "string",
      )
    : [];
  if (gateway.authTypes === undefined && present.length > 1) {
    add(
      "several-auth-settings",
      sentence`${name} has ${joinList(present)} settings but lists no ${field("gateway.authTypes")}, so Azure infers one type and some users cannot sign in.`,
      {
        resource: id,
        field: "gateway.authTypes",
        action: "set",
        text: sentence`List every type users sign in with in ${field("gateway.authTypes")} of ${name}.`,
      },
    );
  }
  const audience = gateway.aad?.audience;
  if (audience !== undefined && LEGACY_AUDIENCES.some((legacy) => audience.toLowerCase().startsWith(legacy))) {
    const audienceField = field("gateway.entraAudience");
    add(
      "entra-legacy-audience",
      sentence`${audienceField} of ${name} is ${audience}, the Azure VPN Client app registered by hand, which is legacy: new Azure VPN Clients use the app Microsoft registered.`,
      {
        resource: id,
        field: "gateway.entraAudience",
        action: "set",
        text: sentence`Set ${audienceField} of ${name} to ${MICROSOFT_REGISTERED_AUDIENCE} (Azure public cloud); users then need a new client profile.`,
      },
    );
  }
  if (isBasicSku(gateway) && listed.includes("IkeV2")) {
    add(
      "basic-sku-ikev2",
      sentence`${name} lists IkeV2 on a Basic SKU gateway: Azure announced IKEv2 on Basic from November 2025, but its Point-to-Site documentation (2026) still says Basic does not support it.`,
      {
        resource: id,
        field: "gateway.sku",
        action: "change",
        text: sentence`Set ${field("gateway.sku")} of ${name} to a VpnGw AZ SKU so that IKEv2 clients connect for certain.`,
      },
    );
  }
  return out;
}

/**
 * Moving off a retired SKU. A new gateway takes the AZ SKU now, which needs Standard, static public
 * IP addresses (Azure rejects Basic and dynamic ones, and retired Basic addresses); an existing one
 * is migrated by Azure, and changing the SKU family in code first may replace it. A preview does not
 * tell which a gateway is, so the fix names both unless its properties show it exists.
 */
function skuFix(gateway: VpnGateway, target: string, publicIps: readonly PublicIp[]): Finding["fix"] {
  const sku = fieldRef(gateway.id, "gateway.sku");
  const name = gateway.name;
  const existing = sentence`once Azure has migrated ${name}, set ${sku} to ${target} so that the code matches; changing the SKU family in code before that may replace the gateway (a new public IP address, downtime)`;
  const fix = (text: Sentence): Finding["fix"] => ({ resource: gateway.id, field: "gateway.sku", action: "change", text });
  if (gateway.deployed) return fix(sentence`${capitalised(existing)}.`);
  const addresses = (gateway.publicIps ?? []).map((ref) => ({ ref, ip: publicIps.find((p) => p.id === ref.id) }));
  const toChange = addresses.flatMap(({ ip }) =>
    ip !== undefined && (ip.sku?.toLowerCase() !== "standard" || ip.allocation?.toLowerCase() !== "static") ? [ip] : [],
  );
  const unresolved = addresses.length === 0 || addresses.some(({ ip }) => ip === undefined);
  const addressText =
    toChange.length > 0
      ? sentence`, and set ${fieldRef(toChange[0].id, "publicIp.sku")} to Standard and ${fieldRef(toChange[0].id, "publicIp.allocation")} to Static on ${joinList(toChange.map((ip) => ip.name))}, since the AZ SKUs need Standard, static public IP addresses`
      : unresolved
        ? sentence`, with a Standard, static public IP address in each of ${fieldRef(gateway.id, "gateway.publicIp")} (Azure rejects Basic and dynamic ones for the AZ SKUs)`
        : "";
  return fix(sentence`If ${name} is being created, set ${sku} to ${target}${addressText}; if it exists, ${existing}.`);
}

function capitalised(text: Sentence): Sentence {
  const [first, ...rest] = text;
  return typeof first === "string" ? [first.charAt(0).toUpperCase() + first.slice(1), ...rest] : text;
}
