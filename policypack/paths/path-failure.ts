import type { Fix, Sentence } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { Subnet } from "../topology/model";
import type { DeclaredRoute } from "./next-hop";
import { applianceLabel } from "./next-hop";
import type { HubEntry, PathPart } from "./subnet-path";

/** Why one pool part's path to a subnet fails (spec P4), the route table to change and how. */
export interface PathFailure {
  code: "asymmetric" | "no-return-route" | "dropped";
  /** The pool lies inside a VNet's prefixes: an address overlap, which its own check reports. */
  overlap?: true;
  /** Id of the resource to change: a route table, or the subnet when it has none. */
  resource: string;
  /** Other resources involved: the other table, the appliance. */
  related: string[];
  text: Sentence;
  fix: Fix;
}

export interface FailureContext {
  /** "spoke/web": the network and the subnet. */
  where: string;
  subnet: Subnet;
  /** The GatewaySubnet's route table, when it has one. */
  gatewayTable?: { id: string; name: string };
  /** The subnet's route table, when it has one in the stack. */
  table?: { id: string; name: string };
  /** The Virtual WAN hub traffic enters the network from, instead of a GatewaySubnet (spec W10). */
  hub?: HubEntry;
}

function routeName(declared: DeclaredRoute): string {
  return declared.route.declaredBy?.name ?? `${declared.route.name ?? declared.route.prefix} of ${declared.table.name}`;
}

/** Where a route sends traffic: an appliance's address or name, else its next hop type ("None", "Internet"). */
function target(declared: DeclaredRoute): string {
  return declared.route.nextHopAddress ?? declared.route.appliance?.name ?? declared.route.nextHop;
}

/** The fix that adds a return route for the pool on the subnet: to its table, or by attaching one. */
function returnRouteFix(context: FailureContext, pool: string, hop: string): Fix {
  const { table, subnet, where } = context;
  if (table)
    return {
      resource: table.id,
      field: "table.routes",
      action: "add",
      text: sentence`Add a route for ${pool} with next hop ${hop} to ${fieldRef(table.id, "table.routes")} of ${table.name}`,
    };
  return {
    resource: subnet.declaredBy.id,
    field: "subnet.table",
    action: "set",
    text: sentence`Attach a route table with a route for ${pool} with next hop ${hop} to ${where} in ${subnet.declaredBy.name}`,
  };
}

/** Ends a fix's sentence, with `rest` before the full stop. */
function finished(fix: Fix, rest: Sentence): Fix {
  return { ...fix, text: sentence`${fix.text}${rest}.` };
}

/** Undefined for a part whose path works or is not checked. */
export function pathFailure(context: FailureContext, part: PathPart): PathFailure | undefined {
  const { where } = context;
  const { forward, back, pool } = part;
  const spokeResource = context.table?.id ?? context.subnet.declaredBy.id;
  if (part.verdict === "dropped" && forward.kind === "dropped") {
    const table = forward.route.table;
    return {
      code: "dropped",
      resource: table.id,
      related: [],
      text: sentence`${routeName(forward.route)} sends traffic for ${where} to ${target(forward.route)}, so it never arrives`,
      fix: {
        resource: table.id,
        field: "table.routes",
        action: "remove",
        text: sentence`Remove the ${forward.route.route.prefix} route from ${fieldRef(table.id, "table.routes")} of ${table.name}, or send it to the firewall that inspects this traffic.`,
      },
    };
  }
  if (part.verdict === "no-return-route" && back.kind === "none") {
    if (back.route) {
      const table = back.route.table;
      return {
        code: "no-return-route",
        resource: table.id,
        related: [],
        text: sentence`${where} sends replies to ${pool} to ${target(back.route)} by ${routeName(back.route)}, so they never arrive`,
        fix: {
          resource: table.id,
          field: "table.routes",
          action: "change",
          text: sentence`Give ${pool} a route with next hop VirtualNetworkGateway (or the firewall that forwards it) in ${fieldRef(table.id, "table.routes")} of ${table.name}.`,
        },
      };
    }
    const table = context.table;
    return {
      code: "no-return-route",
      resource: spokeResource,
      related: [],
      ...(back.toVnet ? { overlap: true as const } : {}),
      text: back.toVnet
        ? sentence`${where} sends replies to ${pool} into the VNet whose prefixes hold it (a VNet's own and peering routes win over gateway routes)`
        : table
          ? sentence`${table.name} on ${where} disables gateway route propagation and has no route for ${pool}, so replies are dropped`
          : sentence`${where} has no route back to ${pool}, so replies are dropped`,
      fix: back.toVnet
        ? finished(returnRouteFix(context, pool, "VirtualNetworkGateway"), sentence`, which is more specific than the VNet's route`)
        : table
          ? {
              resource: table.id,
              field: "table.propagation",
              action: "set",
              text: sentence`Turn gateway route propagation on with ${fieldRef(table.id, "table.propagation")} of ${table.name}, or add a route for ${pool} with next hop VirtualNetworkGateway.`,
            }
          : finished(returnRouteFix(context, pool, "VirtualNetworkGateway"), sentence``),
    };
  }
  if (part.verdict !== "asymmetric") return undefined;
  if (forward.kind === "via" && "route" in forward && back.kind === "gateway") {
    const appliance = applianceLabel(forward.hop);
    return {
      code: "asymmetric",
      resource: spokeResource,
      related: [forward.route.table.id, ...(forward.hop.appliance ? [forward.hop.appliance.id] : [])],
      text: sentence`traffic reaches ${where} through ${appliance} (${routeName(forward.route)}), but replies to ${pool} go straight to the gateway, and a stateful firewall drops what it saw only one way`,
      fix: finished(
        returnRouteFix(context, pool, `VirtualAppliance ${appliance}`),
        sentence`, so that replies go back through ${appliance}`,
      ),
    };
  }
  if (back.kind === "via" && "route" in back) {
    const appliance = applianceLabel(back.hop);
    const gatewayTable = context.gatewayTable;
    const prefix = context.subnet.prefixes[0] ?? where;
    const arrives = forward.kind === "via" ? sentence`through ${applianceLabel(forward.hop)}` : sentence`directly from the gateway`;
    const table = back.route.table;
    const routes = fieldRef(table.id, "table.routes");
    const intent = forward.kind === "via" && "intent" in forward ? forward : undefined;
    let fix: Sentence;
    if (intent) {
      const next = applianceLabel(intent.hop);
      fix = sentence`Send ${pool} to ${next}, the next hop of ${intent.intent.name}, in ${routes} of ${table.name}, or remove ${routeName(back.route)} so that replies follow the hub's routes.`;
    } else if (context.hub)
      fix = sentence`Add a route for ${pool} with next hop VirtualNetworkGateway to ${routes} of ${table.name}, or secure ${context.hub.name} with routing intent through ${appliance}.`;
    else if (gatewayTable)
      fix = sentence`Add a route for ${pool} with next hop VirtualNetworkGateway to ${routes} of ${table.name}, or route ${prefix} to ${appliance} in ${fieldRef(gatewayTable.id, "table.routes")} of ${gatewayTable.name} (the GatewaySubnet's).`;
    else
      fix = sentence`Add a route for ${pool} with next hop VirtualNetworkGateway to ${routes} of ${table.name}, or give the GatewaySubnet a route table that sends ${prefix} to ${appliance}.`;
    return {
      code: "asymmetric",
      resource: table.id,
      related: [
        ...(gatewayTable ? [gatewayTable.id] : []),
        ...(intent ? [intent.intent.id] : []),
        ...(back.hop.appliance ? [back.hop.appliance.id] : []),
      ],
      text: sentence`${where} sends replies to ${pool} through ${appliance} (${routeName(back.route)}), but traffic arrives ${arrives}, and a stateful firewall drops what it saw only one way`,
      fix: { resource: table.id, field: "table.routes", action: intent ? "change" : "add", text: fix },
    };
  }
  return undefined;
}
