/**
 * The package's one import of zod: every schema imports `z` from here, so the version and the
 * way it is loaded (n8n provides zod to community nodes) are decided in one place.
 */
export { z } from 'zod';
