import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { INode } from 'n8n-workflow';

import { VtexOrderProcessingApi } from '../../credentials/VtexOrderProcessingApi.credentials';
import { PACKAGE } from '../harness/nodeTypes';
import { EXAMPLES_DIR } from './examples';
import catalogue from './catalogue.json';

/**
 * What a new user meets when importing an example as the README says: by file in the editor, or
 * `n8n import:workflow --input=<file>` on the command line, then running its sample.
 */

interface ExampleFile {
	file: string;
	id?: unknown;
	name: string;
	nodes: INode[];
}

/** Every file in workflows-examples/, not only those in the catalogue: a new example must follow the same rules. */
const FILES: ExampleFile[] = readdirSync(EXAMPLES_DIR)
	.filter((file) => file.endsWith('.json'))
	.sort()
	.map((file) => ({ file, ...JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));

/**
 * The name n8n's editor gives a new credential: the credential type's display name without the
 * words API, OAuth1, OAuth2 and MCP, then " account" (`getNewCredentialName` in n8n's credentials
 * store with `getAppNameFromCredType` in editor-ui's nodeTypesUtils, as in n8n 2.40.7).
 */
function n8nDefaultCredentialName(displayName: string): string {
	const appName = displayName
		.split(' ')
		.filter((word) => !['API', 'OAuth1', 'OAuth2', 'MCP'].includes(word))
		.join(' ');
	return `${appName} account`;
}

describe('a new user importing the examples', () => {
	it('finds a stable workflow id in every file, which `n8n import:workflow` needs (its id column is NOT NULL)', () => {
		for (const example of FILES) {
			expect({ file: example.file, id: example.id }).toEqual({
				file: example.file,
				id: expect.stringMatching(/^[A-Za-z0-9]{16}$/),
			});
		}
		const ids = FILES.map((example) => example.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('gets the credential linked on import when it kept the name n8n gives a new credential', () => {
		const defaultName = n8nDefaultCredentialName(new VtexOrderProcessingApi().displayName);
		expect(defaultName).toBe('VTEX Order Processing account');
		expect(catalogue.credentialName).toBe(defaultName);
		for (const example of FILES) {
			for (const node of example.nodes.filter((candidate) =>
				candidate.type.startsWith(`${PACKAGE}.`),
			)) {
				expect({
					file: example.file,
					node: node.name,
					name: node.credentials?.vtexOrderProcessingApi?.name,
				}).toEqual({
					file: example.file,
					node: node.name,
					name: defaultName,
				});
			}
		}
	});

	it("names the credential without an id, so n8n's editor links it by name and never to another store's", () => {
		// n8n's editor (2.40.7, importWorkflowData) drops a credential link whose id this n8n does not
		// know and then links the type's most recently updated credential; a link with `id: null` it
		// matches by name (useNodeHelpers' matchCredentials: exactly one credential of that name).
		// `n8n import:workflow` matches a null id by name too (replaceInvalidCredentials).
		for (const example of FILES) {
			const links = example.nodes
				.filter((candidate) => candidate.type.startsWith(`${PACKAGE}.`))
				.map((node) => ({
					file: example.file,
					node: node.name,
					id: node.credentials?.vtexOrderProcessingApi?.id,
				}));
			expect(links.length).toBeGreaterThan(0);
			expect(links).toEqual(links.map((link) => ({ ...link, id: null })));
		}
	});

	it('says in each sticky note how the credential is linked and to check which store it is', () => {
		for (const example of FILES) {
			const notes = example.nodes
				.filter((node) => node.type === 'n8n-nodes-base.stickyNote')
				.map((node) => String(node.parameters.content));
			expect({
				file: example.file,
				warned: notes.some(
					(note) => /linked on import by its name/.test(note) && /sandbox or live/.test(note),
				),
			}).toEqual({ file: example.file, warned: true });
		}
	});

	it('is told in n8n 2.x words how to run the sample: "Execute workflow", choosing its Manual Trigger', () => {
		for (const example of FILES) {
			const notes = example.nodes
				.filter((node) => node.type === 'n8n-nodes-base.stickyNote')
				.map((node) => String(node.parameters.content));
			expect({
				file: example.file,
				outdated: notes.filter((note) => /Test workflow/i.test(note)),
			}).toEqual({ file: example.file, outdated: [] });
			for (const manual of example.nodes.filter(
				(node) => node.type === 'n8n-nodes-base.manualTrigger',
			)) {
				const howTo = notes.filter(
					(note) =>
						note.includes('**Execute workflow**') && note.includes(`**from ${manual.name}**`),
				);
				expect({ file: example.file, trigger: manual.name, told: howTo.length > 0 }).toEqual({
					file: example.file,
					trigger: manual.name,
					told: true,
				});
			}
		}
	});
});
