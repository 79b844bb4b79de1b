import { configurationLines, gatewayPlace } from "./configuration-lines";
import { addRouteCommand } from "../reachability/windows-connection";
import type { GatewayRouteChange } from "../reachability/route-diff";
import type { GroupedClientRow } from "./client-rows";
import { gatewaySettings, groupedClientRows } from "./client-rows";
import { dnsLines } from "./dns-lines";
import { subnetLines } from "./subnet-lines";
import type { Block } from "./fit-blocks";
import { fitBlocks } from "./fit-blocks";
import { diagramChoices, MERMAID_MAX_EDGES, MERMAID_MAX_TEXT_SIZE } from "./mermaid";
import type { GatewayReport, Report, ViolationReport } from "./report-model";
import { routeChangeLines } from "./route-changes";
import type { TopologyView } from "./topology-view";
import { verdict } from "./verdict";

/**
 * The most characters (UTF-16 code units, as JavaScript counts them) renderMarkdown writes by
 * default: GitHub refuses comments over 65,536, and this leaves room for a marker the GitHub
 * Action adds.
 */
export const MARKDOWN_BUDGET = 60_000;
/** Where to read what the comment leaves out. */
export const FULL_REPORT = "the full report (`p2s-check --format text` or `--format json`)";
const SARIF_OR_FULL = `the SARIF / ${FULL_REPORT}`;
/** Entries a cell or command list shows before advisory violations and notes get their room. */
const READABLE_ENTRIES = 24;
/** With more gateways than this, each gateway's client table is folded. */
export const FOLD_TABLES_ABOVE = 3;

function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function plural(n: number, word: string, words = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : words}`;
}

function cell(values: string[]): string {
  return values.length === 0 ? "–" : values.map((v) => `\`${v}\``).join("<br>");
}

function escape(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/</g, "&lt;");
}

/** Lines, then a blank line: every piece of the comment ends so, and pieces simply concatenate. */
function para(lines: string[]): string {
  return lines.length === 0 ? "" : `${lines.join("\n")}\n\n`;
}

/** The largest of `values`, 0 for none, without spreading thousands of arguments into a call. */
function largest(values: number[]): number {
  return values.reduce((m, v) => Math.max(m, v), 0);
}

/** Entries per list at each level of detail, ascending, the last one showing all `longest`. */
function capLadder(longest: number): number[] {
  const caps = [1, 2, 4, 8, 16, READABLE_ENTRIES];
  while (caps[caps.length - 1] < longest) caps.push(caps[caps.length - 1] * 2);
  return [...caps.filter((c) => c < longest), Math.max(longest, 1)];
}

/** The index in `ladder` of the last cap still readable. */
function readableIndex(ladder: number[]): number {
  return Math.max(0, ladder.filter((c) => c <= READABLE_ENTRIES).length - 1);
}

/** "Windows clients: +a, +b, +c" cut to about `max` characters at an entry, saying how many are left out. */
function clipList(line: string, max: number): string {
  if (line.length <= max) return line;
  const head = line.includes(": ") ? line.slice(0, line.indexOf(": ") + 2) : "";
  const items = line.slice(head.length).split(", ");
  let text = head + items[0];
  let shown = 1;
  while (shown < items.length && text.length + 2 + items[shown].length <= max) text += `, ${items[shown++]}`;
  return shown === items.length ? line : `${text} … ${count(items.length - shown)} more in ${FULL_REPORT}`;
}

function violationItem(v: ViolationReport): string {
  return `- **${v.policy}**${v.resource ? ` on \`${v.resource}\`` : ""}: ${escape(v.message)}`;
}

/** Mandatory violations: the first `k` with their message, the others named only, by policy. */
function mandatoryBlock(mandatory: ViolationReport[]): Block {
  const key = (v: ViolationReport) => `${v.policy}\u0000${v.resource ?? ""}`;
  const perResource = new Map<string, number>();
  for (const v of mandatory) perResource.set(key(v), (perResource.get(key(v)) ?? 0) + 1);
  // The subject tells apart violations of one policy on one resource.
  const name = (v: ViolationReport) =>
    `${v.resource ? `\`${v.resource}\`` : "the stack"}${v.subject !== undefined && (perResource.get(key(v)) ?? 0) > 1 ? ` (${escape(v.subject)})` : ""}`;
  return {
    levels: mandatory.length + 1,
    render(k) {
      if (mandatory.length === 0) return [""];
      const lines = ["### Mandatory violations", "", ...mandatory.slice(0, k).map(violationItem)];
      const rest = mandatory.slice(k);
      for (let i = 0; i < rest.length;) {
        let j = i;
        while (j < rest.length && rest[j].policy === rest[i].policy) j++;
        lines.push(`- **${rest[i].policy}** on ${rest.slice(i, j).map(name).join(", ")}`);
        i = j;
      }
      if (rest.length > 0) {
        const one = rest.length === 1;
        lines.push(
          "",
          `${plural(rest.length, `${k > 0 ? "more " : ""}mandatory violation`)} ${one ? "is" : "are"} named above without ${one ? "its" : "their"} message: see ${SARIF_OR_FULL}.`,
        );
      }
      return [para(lines)];
    },
  };
}

/** Advisory violations: the first `k` with their message, then how many more. */
function advisoryBlock(advisory: ViolationReport[]): Block {
  return {
    levels: advisory.length + 1,
    render(k) {
      if (advisory.length === 0) return [""];
      const rest = advisory.length - k;
      const more = rest > 0 ? ["", `${plural(rest, `${k > 0 ? "more " : ""}advisory violation`)} in ${SARIF_OR_FULL}.`] : [];
      return [para(["### Advisory violations", "", ...advisory.slice(0, k).map(violationItem), ...more])];
    },
  };
}

/** Route changes of a preview, each line cut at a number of characters that grows with the level. */
function changesBlock(changes: GatewayRouteChange[]): Block {
  const all = changes.map((c) => ({ name: c.name, lines: routeChangeLines(c) }));
  const longest = largest(all.flatMap((c) => c.lines.map((l) => l.length)));
  const caps = [0];
  for (let cap = 120; cap < longest; cap *= 2) caps.push(cap);
  caps.push(Math.max(longest, 1));
  return {
    levels: changes.length === 0 ? 1 : caps.length,
    render(level) {
      if (changes.length === 0) return [""];
      const head = "### Route changes in this preview";
      if (level === 0)
        return [para([head, "", `The route changes of ${all.map((c) => `**${c.name}**`).join(", ")} are in ${FULL_REPORT}.`])];
      return [para([head]) + all.map((c) => para([`**${c.name}**`]) + para(c.lines.map((l) => `- ${clipList(l, caps[level])}`))).join("")];
    },
  };
}

/** Each gateway's home VNet, pools and settings, its DNS lines and its subnets' paths and flows, up to a number per gateway. */
function gatewayDetailsBlock(gateways: GatewayReport[]): Block {
  const dns = gateways.map((g) => [...configurationLines(g), ...dnsLines(g), ...subnetLines(g)]);
  const ladder = [0, ...capLadder(largest(dns.map((d) => d.length)))];
  return {
    levels: ladder.length + 1,
    render(level) {
      if (level === 0) return [...gateways.map(() => ""), ...gateways.map(() => "")];
      const cap = ladder[level - 1];
      const descriptions = gateways.map((g) =>
        para([`${gatewayPlace(g, (name) => `\`${name}\``)}, client pools ${cell(g.clientPools)}, ${gatewaySettings(g)}.`]),
      );
      const dnsPieces = dns.map((lines) =>
        para([
          ...lines.slice(0, cap).map((l) => `- ${escape(l)}`),
          ...(lines.length > cap
            ? [`- ${plural(lines.length - cap, `${cap > 0 ? "more " : ""}DNS or subnet line`)} in ${FULL_REPORT}`]
            : []),
        ]),
      );
      return [...descriptions, ...dnsPieces];
    },
  };
}

function clientTable(g: GatewayReport, rows: GroupedClientRow[], cap: number, fold: boolean): string {
  let cut = false;
  const list = (values: string[], code: boolean) => {
    const shown = values.slice(0, cap).map((v) => (code ? `\`${v}\`` : v));
    if (values.length > cap) {
      cut = true;
      shown.push(`… ${count(values.length - cap)} more`);
    }
    return shown.length === 0 ? "–" : shown.join(code ? "<br>" : ", ");
  };
  const lines = ["| Platform · client | Routes | Reachable | Manual routes |", "|---|---|---|---|"];
  for (const r of rows) {
    const label = r.clients.map((c) => (r.canConnect ? escape(c) : `**${escape(c)}**`)).join("<br>");
    lines.push(`| ${label} | ${list(r.routes, true)} | ${list(r.access, false)} | ${list(r.manualRoutes, true)} |`);
  }
  const note = cut ? para([`Lists are cut at ${plural(cap, "entry", "entries")}: the full lists are in ${FULL_REPORT}.`]) : "";
  const table = para(lines) + note;
  return fold
    ? `${para([`<details><summary>Clients of ${g.name}: ${plural(rows.length, "row")}</summary>`])}${table}</details>\n\n`
    : table;
}

/**
 * The client tables: level 0 none; then the first g gateways' tables with one entry per list; then
 * every table with more entries per list. The last piece says which tables are left out.
 */
function tablesBlock(gateways: GatewayReport[]): Block & { readable: number } {
  const rows = gateways.map(groupedClientRows);
  const longest = largest(rows.flat().map((r) => Math.max(r.routes.length, r.access.length, r.manualRoutes.length)));
  const ladder = capLadder(longest);
  const n = gateways.length;
  const fold = n > FOLD_TABLES_ABOVE;
  return {
    levels: n === 0 ? 1 : n + ladder.length,
    readable: n === 0 ? 0 : n + readableIndex(ladder),
    render(level) {
      const shown = Math.min(level, n);
      const cap = ladder[Math.max(0, level - n)];
      const tables = gateways.map((g, i) => (i < shown ? clientTable(g, rows[i], cap, fold) : ""));
      const left = n - shown;
      const trailer =
        left === 0
          ? ""
          : para([
              `_The client tables of ${left === n ? "every gateway" : `the last ${plural(left, "gateway")}`} are left out to fit GitHub's comment limit: see ${FULL_REPORT}._`,
            ]);
      return [...tables, trailer];
    },
  };
}

/** Add-VpnConnectionRoute commands for the Windows built-in client: level 0 none, 1 a count, then up to a number per gateway. */
function commandsBlock(gateways: GatewayReport[]): Block & { readable: number } {
  const manual = gateways.map(
    (g) => g.clients.find((c) => c.routeSource === "static" && c.platforms.includes("windows"))?.manualRoutes ?? [],
  );
  const longest = largest(manual.map((m) => m.length));
  const ladder = [0, ...capLadder(longest)];
  return {
    levels: longest === 0 ? 1 : ladder.length + 1,
    readable: 1 + readableIndex(ladder),
    render(level) {
      return gateways.map((g, i) => {
        const routes = manual[i];
        if (level === 0 || routes.length === 0) return "";
        const cap = ladder[level - 1];
        if (cap === 0)
          return para([
            `Users of the Windows built-in client must add ${plural(routes.length, "route")} with Add-VpnConnectionRoute: the prefixes are in ${FULL_REPORT}.`,
          ]);
        const commands = routes.slice(0, cap).map((p) => addRouteCommand(g.vpnConnectionName, p));
        if (routes.length > cap)
          commands.push(
            `# ${count(routes.length - cap)} more: the manual routes of the Windows built-in client in p2s-check --format text or --format json`,
          );
        return (
          para([
            `<details><summary>Routes users of the Windows built-in client must add (${count(routes.length)})</summary>`,
            "",
            "Run in PowerShell after connecting once:",
          ]) +
          para(["```powershell", ...commands, "```"]) +
          "</details>\n\n"
        );
      });
    },
  };
}

/** The topology diagram: level 0 says why it is left out; then the choices of diagramChoices, least detailed first. */
function diagramBlock(view: TopologyView): Block {
  const { choices, least } = diagramChoices(view);
  return {
    levels: choices.length + 1,
    render(level) {
      if (level === 0) {
        return [
          para([
            choices.length === 0
              ? `Topology diagram left out: even with spokes grouped, its ${plural(least.networks, "network")} make ${plural(least.edges, "edge")} and ${plural(least.text.length, "character")}, more than Mermaid draws (${MERMAID_MAX_EDGES} edges, ${count(MERMAID_MAX_TEXT_SIZE)} characters).`
              : "Topology diagram left out to fit GitHub's comment limit.",
          ]),
        ];
      }
      const d = choices[level - 1];
      const summary =
        d.groups > 0
          ? `Topology (${plural(d.grouped, "spoke")} drawn as ${plural(d.groups, "group")}: spokes of one hub with the same peering flags)`
          : "Topology";
      return [para([`<details><summary>${summary}</summary>`]) + para(["```mermaid", d.text, "```"]) + "</details>\n\n"];
    },
  };
}

function notesBlock(notes: string[]): Block {
  return {
    levels: notes.length + 1,
    render(k) {
      if (notes.length === 0) return [""];
      if (k === 0) return [para([`${plural(notes.length, "note")} in ${FULL_REPORT}.`])];
      const more = k < notes.length ? [`- ${plural(notes.length - k, "more note")} in ${FULL_REPORT}`] : [];
      return [
        para(["<details><summary>Notes</summary>"]) + para([...notes.slice(0, k).map((n) => `- ${escape(n)}`), ...more]) + "</details>\n\n",
      ];
    },
  };
}

/** Cuts `text` so that it fits `budget`, saying so: at a line, or within a long line after a list entry. */
function hardCut(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const trailer = `… cut here to fit GitHub's comment limit: the rest is in ${SARIF_OR_FULL}.\n`;
  const kept = text.slice(0, Math.max(0, budget - trailer.length - 2));
  const line = kept.lastIndexOf("\n") + 1;
  const entry = kept.lastIndexOf(", ") + 2;
  return entry - line > 200
    ? `${kept.slice(0, entry)}\n\n${trailer}`.slice(0, budget)
    : `${kept.slice(0, line)}${trailer}`.slice(0, budget);
}

/**
 * A pull-request comment of at most `budget` characters: the verdict, mandatory then advisory
 * violations, route changes, then per gateway its settings, a client table (platforms and clients
 * with the same result share a row), DNS lines and Windows commands, then the topology diagram and
 * notes, folded. What does not fit is cut, saying where to read it, in this order: list entries
 * beyond READABLE_ENTRIES, advisory violations, notes, client tables and commands, the diagram,
 * DNS lines, route changes, the messages of mandatory violations, and last each gateway's
 * settings line. Every gateway and mandatory violation is named; should even that not fit, a
 * shorter form is written, cut at the budget.
 */
export function renderMarkdown(report: Report, budget = MARKDOWN_BUDGET): string {
  const gateways = report.gateways;
  const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
  const advisory = report.violations.filter((v) => v.enforcementLevel === "advisory");
  const head: Block = { levels: 1, render: () => [para([`## P2S reachability: ${verdict(report)}`])] };
  const headings: Block = { levels: 1, render: () => gateways.map((g) => para([`### ${g.name}`])) };
  const m = mandatoryBlock(mandatory);
  const a = advisoryBlock(advisory);
  const c = changesBlock(report.routeChanges);
  const d = gatewayDetailsBlock(gateways);
  const t = tablesBlock(gateways);
  const w = commandsBlock(gateways);
  const g = diagramBlock(report.topology);
  const n = notesBlock(report.notes);
  const fitted = fitBlocks(
    [head, m, a, c, headings, d, t, w, g, n],
    [
      { block: d, upTo: 1 },
      { block: m },
      { block: c },
      { block: d },
      { block: g },
      { block: t, upTo: t.readable },
      { block: w, upTo: w.readable },
      { block: n },
      { block: a },
      { block: t },
      { block: w },
    ],
    budget,
  );
  const piece = (b: Block, i = 0) => fitted.pieces.get(b)?.[i] ?? "";
  let out: string;
  if (fitted.fits) {
    out = piece(head) + piece(m) + piece(a) + piece(c) + piece(t, gateways.length);
    gateways.forEach((_, i) => (out += piece(headings, i) + piece(d, i) + piece(t, i) + piece(d, gateways.length + i) + piece(w, i)));
    out += piece(g) + piece(n);
  } else {
    // Not even a heading per gateway fits: the shortest form, names in lists.
    const names = gateways.map((x) => `\`${x.name}\``).join(", ");
    out =
      piece(head) +
      piece(m) +
      para([`${plural(gateways.length, "P2S gateway")}${gateways.length > 0 ? `: ${names}` : ""}.`]) +
      para([`Everything else is left out to fit GitHub's comment limit: see ${SARIF_OR_FULL}.`]);
  }
  return hardCut(out.replace(/\n+$/, "\n"), budget);
}
