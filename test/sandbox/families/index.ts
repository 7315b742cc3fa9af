import type { Route } from '../http';
import type { Sandbox } from '../server';
import type { SandboxState } from '../state';
import { feedRoutes } from './feed';
import { hookRoutes } from './hook';
import { notesRoutes } from './notes';
import { omsRoutes } from './oms';
import { omsCancelRoutes } from './omsCancel';
import { omsListRoutes } from './omsList';
import { omsInvoiceRoutes } from './omsInvoice';
import { orderChangeRoutes } from './orderChanges';
import { sellerRoutes } from './seller';
import { vtexIdRoutes } from './vtexid';

/** A family of VTEX endpoints: given the shared state, its routes. One module per family. */
export type Family = (state: SandboxState, sandbox: Sandbox) => Route[];

export const allFamilies: Family[] = [
	vtexIdRoutes,
	omsRoutes,
	omsListRoutes,
	omsInvoiceRoutes,
	omsCancelRoutes,
	notesRoutes,
	orderChangeRoutes,
	sellerRoutes,
	feedRoutes,
	hookRoutes,
];
