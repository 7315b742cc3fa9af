/**
 * A header's value by name, whatever its case: HTTP header names are case-insensitive (RFC 9110,
 * section 5.1), and VTEX and n8n's HTTP client spell them as they like. `name` is lowercase.
 */
export function headerOf<Value>(
	headers: Record<string, Value> | undefined,
	name: string,
): Value | undefined {
	const all = headers ?? {};
	const key = Object.keys(all).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : all[key];
}
