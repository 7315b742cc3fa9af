import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';
import { Credentials } from 'n8n-core';

import { VtexOrderProcessingApi } from '../../credentials/VtexOrderProcessingApi.credentials';

export const credentialTypes: Record<string, ICredentialType> = {
	vtexOrderProcessingApi: new VtexOrderProcessingApi(),
};

/** How many times the engine has asked for a decrypted credential (n8n's server reads it from its database each time). */
export const credentialReads = { count: 0 };

/**
 * Serves decrypted credentials to the engine and applies a credential type's `authenticate`
 * the way n8n's server does: a generic block's header, query and body expressions are resolved
 * against `$credentials` (n8n's own test harness skips this step; ours must not, or the sandbox
 * would never see the VTEX headers).
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly byType: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		const options = requestOptions as IHttpRequestOptions;
		if (!type?.authenticate) return options;
		if (typeof type.authenticate === 'function')
			return await type.authenticate(credentials, options);
		if (!workflow || !node)
			throw new Error('authenticate needs the workflow and node to resolve expressions');
		const resolve = (value: unknown) =>
			workflow.expression.getSimpleParameterValue(
				node,
				value as string,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
		const { properties } = type.authenticate;
		for (const target of ['headers', 'qs', 'body'] as const) {
			const values = properties[target];
			if (!values) continue;
			const resolved = Object.fromEntries(
				Object.entries(values).map(([key, value]) => [key, resolve(value)]),
			);
			options[target] = { ...((options[target] as object) ?? {}), ...resolved } as never;
		}
		return options;
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string) {
		return new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type, '');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		credentialReads.count++;
		const data = this.byType[type];
		if (!data) throw new Error(`No credentials of type ${type} in this test`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}
