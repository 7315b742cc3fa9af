/**
 * What to do about each Change v2 error code, from VTEX's "Order modifications" guide
 * (developers.vtex.com/docs/guides/order-modifications, "Errors"). Every Change v2 request hands
 * this table to the transport in its error context, so its errors say what to do.
 */
export const CHANGE_CODE_HINTS: Readonly<Record<string, string>> = {
	CHK0022:
		'An item ID is not a SKU VTEX knows. Check the SKU IDs of the items to add, remove or replace.',
	CHK0023: 'An item quantity is not allowed. Every quantity must be a whole number of at least 1.',
	CHK0034:
		"The change would take more off the order than it is worth. Lower the Manual Discount or the items removed; Preview shows VTEX's totals first.",
	CHK0095: 'VTEX does not change chain orders. Change the order in the account that originated it.',
	CHK0096:
		"VTEX cannot lower this order's value: its payment was probably settled directly by API. Check the transaction in VTEX Admin > Transactions.",
	CHK0098: 'Manual Discount, Manual Increment and prices must be 0 or more.',
	CHK0124:
		'The order is not in a status that accepts changes. VTEX changes orders only in "handling", "waiting-for-fulfillment" or "ready-for-invoicing": read the order, and run Start Handling first if it is "ready-for-handling".',
	CHK0196:
		"VTEX found no payment for this order, so it cannot change its value. Check the order's transaction in VTEX Admin.",
	CHK0199: 'VTEX does not know the order group of this order. Check the Order ID.',
	CHK0201:
		'VTEX does not know this order ID in this account. Check the ID, and that the credential points at the account that holds the order.',
	CHK0229:
		'VTEX found no workflow for this order, so it cannot be changed. Contact VTEX support with the order ID.',
	CHK0289:
		"VTEX has no change request with this ID for this order. Run Get History to list the order's change requests and their IDs.",
	CHK00342:
		"The order's payment method does not allow raising its value. Only credit card, promissory, cash and customer credit payments can be increased; remove the increase or the added items.",
	SalesOrderSystem008: 'The order is canceled; VTEX does not change canceled orders.',
	SalesOrderSystem010:
		'An item to remove or replace is not in the order. Read the order and use the SKU IDs (or unique IDs) of its items.',
	SalesOrderSystem011:
		'The change removes more units of an item than the order holds. Read the order and remove at most the quantity of that item.',
	SalesOrderSystem012:
		'VTEX cannot tell which delivery option applies to an item. Give the logistics information of the item explicitly.',
	SalesOrderSystem013:
		'The logistics information sent does not match the order. Read the order and use its SLAs and item indexes.',
	SalesOrderSystem014:
		'Another change to this order is still in progress; VTEX runs one at a time. Wait until it ends (Get History lists it, Get follows it by its request ID), or cancel it if it stopped on an error, then send this change again.',
	SalesOrderSystem015:
		'This order already has a Change v1 modification, and VTEX does not mix the two versions on one order.',
	SalesOrderSystem016:
		'A change that is "done" or "canceled" cannot be retried. To change the order again, create a new change.',
	SalesOrderSystem017:
		'VTEX canceled the change itself after its retries failed. Create a new change if the order still needs it.',
	SalesOrderSystem018:
		'VTEX could not reach a service it needs for the change. Try again later (Retry, with the same change request ID).',
	SalesOrderSystem019:
		"Someone is updating the account's order modifications settings right now. Try again in a moment.",
	SalesOrderSystem026:
		'The order has several lines of this SKU. Give the Unique ID of the line (from Get order, items[].uniqueId).',
	SalesOrderSystem027:
		'The account has no order modifications settings yet. Create them with PUT /api/order-system/orders/changes/settings and "rolloutConfiguration": {"enableApi": true}.',
	SalesOrderSystem029:
		'The order ships to several addresses, so VTEX accepts no new SKUs: only change the quantities of its items.',
	SalesOrderSystem035: 'The agreement type must be "Acknowledgment" or "Confirmation".',
	SalesOrderSystem045:
		'The address ID is not valid for this order. Read the order for its address IDs.',
	SalesOrderSystem046:
		'An invoice was already sent for items of this order, and VTEX does not change an order after that.',
	SalesOrderSystem047: 'VTEX does not allow changing the address of this order.',
	SalesOrderSystem048:
		'VTEX does not allow changing the address of an order that already has packages.',
	SalesOrderSystem051:
		'VTEX does not change orders that use the tax hub and ship from several docks.',
	SalesOrderSystem055:
		'The new item has another measurement unit than the original. To change units, replace the item (Items to Replace) instead of adding or removing it.',
};
