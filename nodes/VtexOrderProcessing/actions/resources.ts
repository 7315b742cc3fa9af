import type { ResourceModule } from './types';
import { feed } from './feed/Feed.resource';
import { hook } from './hook/Hook.resource';
import { note } from './note/Note.resource';
import { order } from './order/Order.resource';
import { orderChange } from './orderChange/OrderChange.resource';
import { seller } from './seller/Seller.resource';

/**
 * Every resource of the node, by its `resource` value. A new resource is one folder under
 * actions/ with a `*.resource.ts` (`defineResource`), added here; the resource picker is built
 * from this list.
 */
export const resources: Record<string, ResourceModule> = {
	feed,
	hook,
	note,
	order,
	orderChange,
	seller,
};
