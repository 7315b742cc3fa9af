/**
 * The size of every free-text field and list, refused beyond before anything is sent. VTEX
 * documents few limits (a note's 2,000 characters, 10 feed events per read); the others are set
 * well above any real value, so that a runaway expression (a 10 MB text, 100,000 items) fails
 * here with a clear error instead of reaching VTEX. docs/inputs.md's "Limits" table lists each
 * with its reason; keep the two in step.
 */
export const LIMITS = {
	/** VTEX order IDs are about 16 characters (1172452900788-01). */
	orderId: 100,
	/** Fiscal document numbers are short (an NF-e number has at most 9 digits). */
	invoiceNumber: 50,
	/** The NF-e access key has 44 digits; other countries' keys are shorter. */
	invoiceKey: 100,
	/** The longest address browsers and most servers accept. */
	url: 2048,
	/** An NF-e XML with hundreds of items is 100 to 300 KB. */
	embeddedInvoice: 500_000,
	courier: 100,
	/** Carriers' tracking numbers are under 40 characters. */
	trackingNumber: 100,
	/** VTEX SKU IDs are numbers of a few digits; sellers' SKU IDs short codes. */
	skuId: 100,
	/** A line's free text, an event's description. */
	lineText: 500,
	/** Lines of one invoice: orders have far fewer lines, and the body stays under about 100 KB. */
	invoiceItems: 1_000,
	/** Tracking events of one invoice, sent again whole on every update. */
	trackingEvents: 100,
	/** An event's city or state. */
	place: 100,
	/** Cancel reason: VTEX shows it and the optional note repeats it; a note holds at most 2,000 characters. */
	cancelReason: 2_000,
	/** VTEX DO refuses a longer note (VTEX's own limit). */
	noteDescription: 2_000,
	/** Order change reason and cancellation reason, shown to the shopper or kept in the history. */
	changeReason: 500,
	/** Items to add, to remove, or to replace in one change. */
	changeItems: 100,
	/** A line's unique ID or measurement unit. */
	changeLineText: 200,
	/** VTEX seller IDs are short names (sellerb). */
	sellerId: 100,
	/** A shipping policy (SLA) name. */
	slaName: 100,
	/** Logistics rows of one seller change: one per order item. */
	logisticsInfo: 1_000,
	/** A feed filter expression. */
	jsonataExpression: 10_000,
	/** Statuses chosen in a Statuses field: VTEX lists 33, and an expression may give more. */
	statuses: 100,
	/** One status code: VTEX's longest is 32 characters (waiting-for-manual-authorization). */
	statusCode: 100,
	/** The Other Statuses text: a few status codes separated by commas. */
	otherStatuses: 1_000,
	/** A JSON document to test an expression against (a VTEX order is 10 to 100 KB). */
	jsonDocument: 1_000_000,
	/** The text of a JSON field (items, events, change items) before it is parsed. */
	jsonText: 1_000_000,
	/** A feed handle: VTEX's are a few hundred characters. */
	feedHandle: 4_096,
	/** Handles one input item commits (the node commits 10 per request). */
	feedHandles: 1_000,
	/**
	 * Headers of the orders hook, which VTEX sends with every notification. A receiver checks one
	 * or two (an API key, an Authorization); Apache refuses a request of more than 100 header
	 * fields (LimitRequestFields) and VTEX adds its own, so 20 leaves room on both sides.
	 */
	hookHeaders: 20,
	/** A hook header's name: a short token (Authorization, X-Api-Key); standard ones are under 40. */
	hookHeaderName: 100,
	/** A hook header's value: a bearer token (a JWT) is 1 to 2 KB. */
	hookHeaderValue: 4_096,
	/**
	 * The hook headers' names and values together: half of the 16 KB header section Node's HTTP
	 * server accepts by default (max-http-header-size, 16,384 bytes), the other half left to the
	 * request line and VTEX's own headers; Apache (8,190 bytes per field) and nginx (8 KB per
	 * line) take every header within it too. Beyond it a receiver answers 431 and every
	 * notification is lost.
	 */
	hookHeadersTotal: 8_192,
	/** Order → Get Many's search: an order ID, an email, a document or a name. */
	listSearch: 200,
	/** Order → Get Many's sales channel and affiliate IDs: short codes (1, WLM). */
	listFilterValue: 100,
} as const;
