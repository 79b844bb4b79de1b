import { printParseErrorCode, visit } from "jsonc-parser";

/** JSON.parse's value, or one line saying where the text stops being JSON: never what it holds. */
export function parseJson(text: string, source: string): { value: unknown } | { problem: string } {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { problem: `${source} is not valid JSON: ${whereItStops(text)}` };
  }
}

/**
 * Node's parser quotes the text around the error, which may hold control characters or a secret's
 * plaintext; a strict JSON scanner gives the offset alone, from which the line and column follow.
 */
function whereItStops(text: string): string {
  let first: { code: number; offset: number } | undefined;
  visit(
    text,
    {
      onError: (code, offset) => {
        first ??= { code, offset };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (text.trim() === "") return "it is empty";
  const offset = first?.offset ?? text.length;
  if (offset >= text.trimEnd().length) return "it ends early; is it truncated?";
  const before = text.slice(0, offset);
  const line = (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
  const column = offset - Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r"));
  const what = first ? words(printParseErrorCode(first.code as Parameters<typeof printParseErrorCode>[0])) : "unexpected text";
  return `${what} at line ${line}, column ${column}`;
}

/** "CommaExpected" -> "comma expected". */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
