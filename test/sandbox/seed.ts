import type { InvoicePackage, Order } from './model';

interface SeedItem {
	sku: string;
	name: string;
	quantity: number;
	/** Unit selling price in cents. */
	price: number;
}

interface SeedOrder {
	orderId: string;
	status: string;
	items: SeedItem[];
	/** Shipping price per item line, in cents (VTEX keeps shipping per logisticsInfo entry). */
	shipping: number[];
	origin?: 'Marketplace' | 'Fulfillment';
	invoices?: InvoicePackage[];
}

/** Builds an order with VTEX's shape and consistent totals, all money in integer cents, as the Orders API returns it. */
export function makeOrder(seed: SeedOrder, account: string): Order {
	const created = '2026-11-20T12:00:00.0000000+00:00';
	const itemsTotal = seed.items.reduce((sum, item) => sum + item.price * item.quantity, 0);
	const shippingTotal = seed.shipping.reduce((sum, value) => sum + value, 0);
	const sequence = seed.orderId.replace(/\D/g, '').slice(0, 7);
	return {
		orderId: seed.orderId,
		sequence,
		marketplaceOrderId: '',
		sellerOrderId: `00-${seed.orderId}`,
		origin: seed.origin ?? 'Marketplace',
		affiliateId: '',
		salesChannel: '1',
		merchantName: null,
		hostname: account,
		status: seed.status,
		statusDescription: seed.status,
		workflowIsInError: false,
		value: itemsTotal + shippingTotal,
		creationDate: created,
		lastChange: created,
		authorizedDate: created,
		invoicedDate: null,
		isCompleted: true,
		allowCancellation: true,
		allowEdition: false,
		cancelReason: null,
		roundingError: 0,
		orderGroup: seed.orderId.split('-')[0],
		totals: [
			{ id: 'Items', name: 'Total dos Itens', value: itemsTotal },
			{ id: 'Discounts', name: 'Total dos Descontos', value: 0 },
			{ id: 'Shipping', name: 'Total do Frete', value: shippingTotal },
			{ id: 'Tax', name: 'Total da Taxa', value: 0 },
		],
		items: seed.items.map((item, index) => ({
			uniqueId: `${seed.orderId}-U${index}`,
			id: item.sku,
			productId: `P${item.sku}`,
			ean: `789000000${item.sku.padStart(4, '0')}`,
			refId: `REF-${item.sku}`,
			name: item.name,
			quantity: item.quantity,
			seller: '1',
			sellerSku: item.sku,
			price: item.price,
			listPrice: item.price,
			sellingPrice: item.price,
			measurementUnit: 'un',
			unitMultiplier: 1,
			isGift: false,
		})),
		sellers: [{ id: '1', name: account, logo: '', fulfillmentEndpoint: '' }],
		shippingData: {
			id: 'shippingData',
			address: {
				addressType: 'residential',
				receiverName: 'Ana Souza',
				postalCode: '22250-040',
				city: 'Rio de Janeiro',
				state: 'RJ',
				country: 'BRA',
				street: 'Praia de Botafogo',
				number: '300',
				neighborhood: 'Botafogo',
			},
			logisticsInfo: seed.items.map((_item, index) => ({
				itemIndex: index,
				selectedSla: 'Normal',
				selectedDeliveryChannel: 'delivery',
				lockTTL: '10d',
				price: seed.shipping[index] ?? 0,
				listPrice: seed.shipping[index] ?? 0,
				sellingPrice: seed.shipping[index] ?? 0,
				deliveryCompany: 'Transportadora Sandbox',
				shippingEstimate: '5bd',
				shippingEstimateDate: '2026-11-27T12:00:00.0000000+00:00',
				deliveryIds: [
					{
						courierId: '1',
						courierName: 'Transportadora Sandbox',
						dockId: '1',
						quantity: 1,
						warehouseId: '1',
					},
				],
			})),
			trackingHints: null,
		},
		packageAttachment: { packages: seed.invoices ?? [] },
		changesAttachment: null,
		cancellationData: null,
		clientProfileData: {
			email: 'ana.souza@example.com',
			firstName: 'Ana',
			lastName: 'Souza',
			documentType: 'cpf',
			document: '00000000191',
			phone: '+5521999990000',
			isCorporate: false,
		},
		paymentData: {
			transactions: [
				{
					isActive: true,
					transactionId: `TX${sequence}`,
					payments: [
						{
							id: `PAY${sequence}`,
							paymentSystem: '2',
							paymentSystemName: 'Visa',
							value: itemsTotal + shippingTotal,
							installments: 1,
							group: 'creditCard',
						},
					],
				},
			],
		},
		storePreferencesData: {
			countryCode: 'BRA',
			currencyCode: 'BRL',
			currencyLocale: 1046,
			currencySymbol: 'R$',
			currencyFormatInfo: {
				CurrencyDecimalDigits: 2,
				CurrencyDecimalSeparator: ',',
				CurrencyGroupSeparator: '.',
				CurrencyGroupSize: 3,
				StartsWithCurrencySymbol: true,
			},
		},
	};
}

/** An Output invoice of the given lines, as Get order shows it in packageAttachment (https://developers.vtex.com/docs/api-reference/orders-api#get-/api/oms/pvt/orders/-orderId-). */
function invoiceOf(
	number: string,
	lines: Array<{ itemIndex: number; id: string; quantity: number; price: number }>,
	extra = 0,
): InvoicePackage {
	return {
		type: 'Output',
		invoiceNumber: number,
		invoiceValue: lines.reduce((sum, line) => sum + line.price * line.quantity, 0) + extra,
		issuanceDate: '2026-11-21T10:00:00-03:00',
		invoiceKey: null,
		invoiceUrl: null,
		embeddedInvoice: null,
		courier: null,
		trackingNumber: null,
		trackingUrl: null,
		dispatchedDate: null,
		items: lines,
		courierStatus: null,
		receipt: 'seeded0000000000000000000000000',
		cfop: null,
	};
}

/**
 * Orders in the statuses the package acts on. Money in cents; several items, quantities above
 * one, and shipping on each.
 */
export function seedOrders(account: string): Order[] {
	const shirt = { sku: '101', name: 'Camiseta Algodão Azul M', quantity: 2, price: 4990 };
	const mug = { sku: '202', name: 'Caneca Cerâmica 300ml', quantity: 3, price: 1999 };
	const cap = { sku: '303', name: 'Boné Aba Curva', quantity: 1, price: 5990 };
	const orders: SeedOrder[] = [
		{
			orderId: '1001-01',
			status: 'ready-for-handling',
			items: [shirt, mug],
			shipping: [1000, 500],
		},
		{ orderId: '1002-01', status: 'handling', items: [shirt, mug, cap], shipping: [800, 400, 300] },
		{
			orderId: '1003-01',
			status: 'invoiced',
			items: [cap],
			shipping: [1200],
			invoices: [
				invoiceOf('NF-1003-1', [{ itemIndex: 0, id: '303', quantity: 1, price: 5990 }], 1200),
			],
		},
		{ orderId: '1004-01', status: 'canceled', items: [mug], shipping: [700] },
		{
			orderId: '1005-01',
			status: 'window-to-change-seller',
			items: [shirt, cap],
			shipping: [900, 600],
		},
		{
			orderId: '1006-01',
			status: 'handling',
			items: [shirt, mug],
			shipping: [1000, 500],
			invoices: [invoiceOf('NF-1006-1', [{ itemIndex: 0, id: '101', quantity: 1, price: 4990 }])],
		},
		{ orderId: '1007-01', status: 'payment-pending', items: [mug, cap], shipping: [500, 500] },
		{ orderId: '1008-01', status: 'waiting-for-authorization', items: [cap], shipping: [900] },
		{ orderId: '1009-01', status: 'ready-for-handling', items: [cap, mug], shipping: [600, 300] },
		{ orderId: '1010-01', status: 'handling', items: [mug], shipping: [450] },
		{ orderId: '1011-01', status: 'waiting-for-fulfillment', items: [shirt], shipping: [700] },
		{
			orderId: '1012-01',
			status: 'ready-for-invoicing',
			items: [shirt, cap],
			shipping: [800, 200],
		},
	];
	return orders.map((seed) => {
		const order = makeOrder(seed, account);
		if (seed.status === 'invoiced') order.invoicedDate = '2026-11-21T13:00:00.0000000+00:00';
		if (seed.status === 'canceled') {
			order.cancelReason = 'Seeded as canceled';
			order.isCompleted = true;
		}
		return order;
	});
}

/** Many orders at once, for listings over VTEX's 3,000 (POST /_sandbox/orders/bulk). */
export interface BulkOrders {
	count: number;
	/** Their status (ready-for-handling when not given). */
	status?: string;
	/** Creation dates spread from `from` to `to` (ISO), unevenly (see below); the same instant when equal. */
	from: string;
	to: string;
	/** The first order's number: IDs run `{first}-01`, `{first + 1}-01`, … (9000001 when not given). */
	first?: number;
	salesChannel?: string;
}

/**
 * Orders whose creation dates crowd into the first tenth of the span (half of them) and spread
 * over the rest, several to a millisecond at times, so a date split must recurse unevenly and
 * meet instants shared by several orders. Indexed already: their last change is their creation.
 */
export function bulkOrders(account: string, bulk: BulkOrders): Order[] {
	const from = Date.parse(bulk.from);
	const span = Date.parse(bulk.to) - from;
	const first = bulk.first ?? 9_000_001;
	const mug = { sku: '202', name: 'Caneca Cerâmica 300ml', quantity: 1, price: 1999 };
	const orders: Order[] = [];
	for (let index = 0; index < bulk.count; index++) {
		// Three orders to a millisecond in the crowded half.
		const group = index / bulk.count < 0.5 ? index - (index % 3) : index;
		const position = group / bulk.count;
		const share = position < 0.5 ? position / 5 : 0.1 + (position - 0.5) * 1.8;
		const created = new Date(from + Math.floor(share * span)).toISOString();
		const order = makeOrder(
			{
				orderId: `${first + index}-01`,
				status: bulk.status ?? 'ready-for-handling',
				items: [mug],
				shipping: [500],
			},
			account,
		);
		order.creationDate = created;
		order.lastChange = created;
		order.authorizedDate = created;
		order.sequence = String(first + index);
		if (bulk.salesChannel) order.salesChannel = bulk.salesChannel;
		orders.push(order);
	}
	return orders;
}
