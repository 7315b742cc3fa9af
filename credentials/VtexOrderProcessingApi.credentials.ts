import type {
	IAuthenticateRuleResponseCode,
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { isUnderBaseUrl, resolveBaseUrl } from '../nodes/shared/transport/baseUrl';

/**
 * The credential test's address as n8n's editor shows it. `authenticate` replaces it with
 * `resolveBaseUrl`'s answer (or refuses) before anything is sent, so this expression never decides
 * where the App Token goes.
 */
const BASE_URL =
	"={{ $credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, '') : 'https://' + $credentials.accountName + '.' + ($credentials.environment || 'vtexcommercestable') + '.com.br' }}";

/** A URL with its own scheme: axios then ignores `baseURL`. */
const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:/i;

export class VtexOrderProcessingApi implements ICredentialType {
	name = 'vtexOrderProcessingApi';

	displayName = 'VTEX Order Processing API';

	icon: Icon = { light: 'file:vtex.svg', dark: 'file:vtex.dark.svg' };

	documentationUrl =
		'https://github.com/vtex-order-processing/n8n-nodes-vtex-order-processing#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Account Name',
			name: 'accountName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'mystore',
			description:
				'The VTEX account name, as in https://{accountName}.vtexcommercestable.com.br: lowercase letters, digits and "-" only (no dot, "/" or host)',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'string',
			default: 'vtexcommercestable',
			description:
				'The VTEX environment part of the host, one name of lowercase letters, digits and "-". Almost every account uses vtexcommercestable.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://mystore.vtexcommercestable.com.br',
			description:
				'Optional. Replaces https://{accountName}.{environment}.com.br: a custom domain or a proxy, as https://host[/path] without "?", "#" or user name. Plain http:// only for the bundled sandbox on this machine (http://127.0.0.1:PORT). A test that fails with ECONNREFUSED means nothing answered there: a wrong host or port, the sandbox not running, or a firewall.',
		},
		{
			displayName: 'App Key',
			name: 'appKey',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'vtexappkey-mystore-ABCDEF',
		},
		{
			displayName: 'App Token',
			name: 'appToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];

	/**
	 * A function, not a generic block of `={{ $credentials.… }}` expressions: n8n 2.40's expression
	 * engine (isolated-vm) evaluates expressions only while an isolate is held, which n8n does in
	 * executions and activations but not in the schedule ticks a trigger registers with
	 * `registerCron`. With expressions here, every poll of the VTEX Order Feed Trigger failed with
	 * "No bridge acquired for this context".
	 *
	 * n8n calls it for every request made with this credential, the credential test included, just
	 * before sending: it refuses an Account Name, Environment or Base URL that could lead elsewhere
	 * (the error names the field), points the credential test at the account's base URL, and adds
	 * the headers only to a request whose address lies under that base URL.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const base = resolveBaseUrl(credentials);
		const url = requestOptions.url ?? '';
		const relative = requestOptions.baseURL !== undefined && !ABSOLUTE_URL.test(url);
		const target = relative ? `${base}${url.startsWith('/') ? '' : '/'}${url}` : url;
		if (!isUnderBaseUrl(target, base))
			throw new Error(
				"The VTEX credential's App Key and App Token go only to the account's base URL; this request was addressed elsewhere and was not sent",
			);
		return {
			...requestOptions,
			...(relative ? { baseURL: base } : {}),
			headers: {
				...requestOptions.headers,
				'X-VTEX-API-AppKey': String(credentials.appKey ?? ''),
				'X-VTEX-API-AppToken': String(credentials.appToken ?? ''),
			},
		};
	}

	/**
	 * VTEX ID's app-token login checks that the key pair is valid and needs no License Manager
	 * resource (developers.vtex.com/docs/api-reference/vtex-id-api#post-/api/vtexid/apptoken/login), so a key limited to orders passes. `an` names
	 * the account, which matters when the base URL is a shared host or a proxy.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL,
			url: '/api/vtexid/apptoken/login',
			method: 'POST',
			qs: { an: '={{ $credentials.accountName }}' },
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			body: {
				appkey: '={{ $credentials.appKey }}',
				apptoken: '={{ $credentials.appToken }}',
			},
		},
		// n8n checks responseCode rules when the request fails and responseSuccessBody rules when
		// it succeeds; both kinds live in one list.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'VTEX refused the App Key / App Token pair. Check both values in VTEX Admin > Account settings > API keys.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'VTEX does not know this account. Check Account Name, Environment and Base URL.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'authStatus',
					value: 'WrongCredentials',
					message:
						'VTEX refused the App Key / App Token pair (authStatus WrongCredentials). Check both values in VTEX Admin > Account settings > API keys.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'authStatus',
					value: 'InvalidToken',
					message:
						'VTEX refused the App Token (authStatus InvalidToken). Generate a new token for this App Key.',
				},
			},
		] as unknown as IAuthenticateRuleResponseCode[],
	};
}
