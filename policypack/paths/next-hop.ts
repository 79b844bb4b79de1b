import type { Route, RouteTable } from "../topology/model";

/** Where a route sends traffic, as paths judge it. */
export type NextHop =
  | { kind: "gateway" }
  | { kind: "appliance"; address?: string; appliance?: { id: string; name: string } }
  | { kind: "local" }
  | { kind: "internet" }
  | { kind: "none" }
  /** A next hop type the pack does not know. */
  | { kind: "other"; type: string };

/** A route of a subnet's table, with the table it is in. */
export interface DeclaredRoute {
  table: RouteTable;
  route: Route;
}

/** Azure's next hop types, compared without case as the API does. */
export function nextHopOf(route: Route): NextHop {
  switch (route.nextHop.toLowerCase()) {
    case "virtualappliance":
      return {
        kind: "appliance",
        ...(route.nextHopAddress !== undefined ? { address: route.nextHopAddress } : {}),
        ...(route.appliance ? { appliance: route.appliance } : {}),
      };
    case "virtualnetworkgateway":
      return { kind: "gateway" };
    case "vnetlocal":
      return { kind: "local" };
    case "internet":
      return { kind: "internet" };
    case "none":
      return { kind: "none" };
    default:
      return { kind: "other", type: route.nextHop };
  }
}

/** Two appliance hops are the same appliance: the same address, or the same resource when an address is not known yet (a preview). */
export function sameAppliance(a: NextHop, b: NextHop): boolean | undefined {
  if (a.kind !== "appliance" || b.kind !== "appliance") return false;
  // One hop on both sides: a hub's routing intent sends both ways through its next hop.
  if (a === b) return true;
  if (a.address !== undefined && b.address !== undefined) return a.address === b.address;
  if (a.appliance && b.appliance) return a.appliance.id === b.appliance.id;
  return undefined;
}

/** "10.0.3.4" or "fw-hub": how a path names an appliance. */
export function applianceLabel(hop: NextHop): string {
  if (hop.kind !== "appliance") return hop.kind;
  return hop.address ?? hop.appliance?.name ?? "an appliance whose address is not known yet";
}
