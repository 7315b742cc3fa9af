/** The parts of a VTEX order the sandbox reads and writes (Get order, developers.vtex.com/docs/api-reference/orders-api#get-/api/oms/pvt/orders/-orderId-). */
export interface OrderItem {
	uniqueId: string;
	id: string;
	productId: string;
	ean: string;
	refId: string;
	name: string;
	quantity: number;
	seller: string;
	price: number;
	listPrice: number;
	sellingPrice: number;
	measurementUnit: string;
	unitMultiplier: number;
	[key: string]: unknown;
}

export interface LogisticsInfo {
	itemIndex: number;
	selectedSla: string;
	selectedDeliveryChannel: string;
	price: number;
	listPrice: number;
	sellingPrice: number;
	deliveryCompany: string;
	shippingEstimate: string;
	shippingEstimateDate: string;
	[key: string]: unknown;
}

export interface InvoicePackage {
	type: 'Output' | 'Input';
	invoiceNumber: string;
	invoiceValue: number;
	issuanceDate: string;
	invoiceKey: string | null;
	invoiceUrl: string | null;
	embeddedInvoice: string | null;
	courier: string | null;
	trackingNumber: string | null;
	trackingUrl: string | null;
	dispatchedDate: string | null;
	items: Array<{
		itemIndex: number;
		id: string;
		quantity: number;
		price: number;
		description?: string;
	}>;
	courierStatus: {
		status: string | null;
		finished: boolean;
		deliveredDate: string | null;
		data: Array<{
			city: string;
			state: string;
			description: string;
			createDate: string;
			lastChange: string;
		}>;
	} | null;
	receipt: string;
	[key: string]: unknown;
}

export interface Total {
	id: 'Items' | 'Discounts' | 'Shipping' | 'Tax' | string;
	name: string;
	value: number;
}

export interface Order {
	orderId: string;
	sequence: string;
	marketplaceOrderId: string;
	sellerOrderId: string;
	origin: string;
	affiliateId: string;
	salesChannel: string;
	status: string;
	statusDescription: string;
	value: number;
	creationDate: string;
	lastChange: string;
	invoicedDate: string | null;
	isCompleted: boolean;
	allowCancellation: boolean;
	cancelReason: string | null;
	totals: Total[];
	items: OrderItem[];
	sellers: Array<{ id: string; name: string; [key: string]: unknown }>;
	shippingData: {
		address: Record<string, unknown>;
		logisticsInfo: LogisticsInfo[];
		[key: string]: unknown;
	};
	packageAttachment: { packages: InvoicePackage[] };
	changesAttachment: { id: string; changesData: unknown[] } | null;
	cancellationData: Record<string, unknown> | null;
	clientProfileData: Record<string, unknown>;
	paymentData: Record<string, unknown>;
	storePreferencesData: Record<string, unknown>;
	[key: string]: unknown;
}
