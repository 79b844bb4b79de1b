/** The longest `stacks` pattern the configuration accepts: a project and a stack name with room to spare. */
export const MAX_STACK_PATTERN_LENGTH = 256;

/**
 * Whether a "project/stack" pattern with "*" (any run of characters) matches a stack, ignoring
 * case. Greedy matching that only ever moves back to the last "*" seen: at most pattern length
 * times stack length steps, whatever the pattern (a regular expression backtracks exponentially
 * on "*a*a*a…!").
 */
export function matchesStack(pattern: string, stack: string): boolean {
  const p = pattern.toLowerCase();
  const s = stack.toLowerCase();
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (j < s.length) {
    if (i < p.length && p[i] === "*") {
      star = i++;
      resume = j;
    } else if (i < p.length && p[i] === s[j]) {
      i++;
      j++;
    } else if (star >= 0) {
      i = star + 1;
      j = ++resume;
    } else return false;
  }
  while (i < p.length && p[i] === "*") i++;
  return i === p.length;
}
