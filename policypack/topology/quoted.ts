/**
 * A value as a message quotes it: escaped as JSON (control characters and quotes included) and cut
 * to `max` characters, so one odd value cannot flood a line or break it in two.
 */
export function quoted(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
