import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { isControl } from '../characters';

/**
 * The one rule for where this package sends the App Key and App Token. The transport, the
 * credential's `authenticate` (which also guards the credential's own test request) and the
 * triggers all ask `resolveBaseUrl`; nothing else builds a VTEX address.
 *
 * Without a Base URL the host is https://{accountName}.{environment}.com.br, the host VTEX's API
 * reference gives for every Orders API endpoint (developers.vtex.com/docs/api-reference/orders-api).
 * Account Name and Environment are pasted into that host, so each must be one DNS label: a "/",
 * "#", "@", "?" or "." in them would move the request (and the token) to another host.
 */

/** Why a credential cannot be used, naming the field; thrown before any connection. */
export class CredentialFieldError extends Error {
	constructor(
		readonly field: 'Account Name' | 'Environment' | 'Base URL',
		reason: string,
	) {
		super(`The credential's ${field} ${reason}`);
		this.name = 'CredentialFieldError';
	}
}

/**
 * One DNS label (RFC 1035 section 2.3.1, at most 63 characters), lowercase: VTEX account names
 * and environments are lowercase letters, digits and hyphens (mystore, vtexcommercestable).
 */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const DEFAULT_ENVIRONMENT = 'vtexcommercestable';

/** Hosts the sandbox runs on: only these may be reached over plain http. */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** The account's API root, without a trailing "/"; throws a CredentialFieldError when unusable. */
export function resolveBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const override = textOf(credentials.baseUrl).trim();
	if (override) return checkedBaseUrl(override);
	const accountName = checkedLabel(
		'Account Name',
		textOf(credentials.accountName).trim(),
		'mystore',
	);
	const environment = checkedLabel(
		'Environment',
		textOf(credentials.environment).trim() || DEFAULT_ENVIRONMENT,
		DEFAULT_ENVIRONMENT,
	);
	return `https://${accountName}.${environment}.com.br`;
}

/**
 * Whether `target` (an absolute URL) lies under `base`: same scheme, host and port, and a path
 * at or below the base's path. The credential sends its headers only to such a URL.
 */
export function isUnderBaseUrl(target: string, base: string): boolean {
	const parsed = parseUrl(target);
	const root = parseUrl(`${base}/`);
	if (!parsed || !root) return false;
	return (
		parsed.origin === root.origin &&
		parsed.username === '' &&
		parsed.password === '' &&
		`${parsed.pathname}/`.startsWith(root.pathname)
	);
}

function checkedLabel(
	field: 'Account Name' | 'Environment',
	value: string,
	example: string,
): string {
	if (value === '') throw new CredentialFieldError(field, `is empty (such as ${example})`);
	if (DNS_LABEL.test(value)) return value;
	throw new CredentialFieldError(
		field,
		`must be one lowercase name of letters a-z, digits and "-" (such as ${example}), with no dot, "/", "@", "#", ":", space or capital letter: ${whatIsWrong(value)}. Put a custom host in Base URL instead.`,
	);
}

/** What in a label breaks the rule, without repeating the value (it may be pasted from anywhere). */
function whatIsWrong(value: string): string {
	if (value.length > 63) return 'it is longer than 63 characters';
	if (/[A-Z]/.test(value)) return 'it has capital letters';
	if (/^-|-$/.test(value)) return 'it starts or ends with "-"';
	const character = [...value].find((c) => !/[a-z0-9-]/.test(c)) ?? '';
	const shown = /^[\x21-\x7e]$/.test(character)
		? `"${character}"`
		: `the character U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
	return `it holds ${shown}`;
}

function checkedBaseUrl(value: string): string {
	const refuse = (reason: string) => new CredentialFieldError('Base URL', reason);
	// Checked on the text itself: the URL parser drops an empty "?" or "#" and strips tabs and newlines.
	if (
		/[\s\\]/.test(value) ||
		[...value].some((character) => isControl(character.codePointAt(0) ?? 0))
	)
		throw refuse(
			'holds a space, a backslash or a control character; give an address such as https://mystore.vtexcommercestable.com.br',
		);
	if (value.includes('?') || value.includes('#'))
		throw refuse('may not hold a query ("?") or a fragment ("#"): give only scheme, host and path');
	const url = parseUrl(value);
	if (!url || url.host === '' || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
		throw refuse(
			'is not an absolute URL; give an address such as https://mystore.vtexcommercestable.com.br',
		);
	const authority = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0];
	if (url.username !== '' || url.password !== '' || authority.includes('@'))
		throw refuse(
			'may not hold a user name or password ("user@host"): VTEX reads the App Key and App Token from headers',
		);
	if (url.protocol === 'http:') {
		if (!LOOPBACK_HOST.test(url.hostname))
			throw refuse(
				'uses http://, which would send the App Key and App Token unencrypted: use https:// (plain http is allowed only for a sandbox on this machine, such as http://127.0.0.1:PORT)',
			);
	} else if (url.protocol !== 'https:') {
		throw refuse(`uses ${url.protocol.replace(/:$/, '')}:// where https:// is needed`);
	}
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function parseUrl(value: string): URL | undefined {
	try {
		return new URL(value);
	} catch {
		return undefined;
	}
}

function textOf(value: unknown): string {
	return typeof value === 'string'
		? value
		: value === undefined || value === null
			? ''
			: String(value);
}
