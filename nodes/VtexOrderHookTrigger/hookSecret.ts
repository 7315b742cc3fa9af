import { createHash, randomBytes, timingSafeEqual } from 'crypto';

/**
 * The header VTEX sends with every notification (the hook configuration's `headers`), holding a
 * secret generated when the hook is registered. It tells this workflow's notifications from
 * anyone else's POST to the same URL.
 */
export const HOOK_AUTH_HEADER_NAME = 'x-workflow-hook-verification';

/** 32 random bytes, hex: a new one each time the hook is registered. */
export function newHookSecret(): string {
	return randomBytes(32).toString('hex');
}

/**
 * Whether the header holds the secret, in time that does not depend on where they differ:
 * both are hashed first so lengths never leak either.
 */
export function secretMatches(received: unknown, expected: string | undefined): boolean {
	if (!expected) return false;
	const value = Array.isArray(received) ? received[0] : received;
	if (typeof value !== 'string' || value.length === 0) return false;
	return timingSafeEqual(digest(value), digest(expected));
}

function digest(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

/** A name for one registration that does not reveal its secret. */
export function registrationId(secret: string): string {
	return digest(secret).toString('hex').slice(0, 16);
}
