import { defineResource } from '../defineResource';
import * as create from './create.operation';
import * as getMany from './getMany.operation';

export const note = defineResource(
	{ value: 'note', name: 'Note', defaultOperation: 'create' },
	{
		create: {
			module: create,
			name: 'Create',
			description:
				"Add a note to one order's timeline in VTEX Admin, seen by the store's team; the same text twice is added once",
			action: 'Create a note',
		},
		getMany: {
			module: getMany,
			name: 'Get Many',
			description: "List the notes in one order's timeline",
			action: 'Get many notes',
		},
	},
);
