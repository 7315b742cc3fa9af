import { defineResource } from '../defineResource';
import * as create from './create.operation';
import * as getMany from './getMany.operation';

export const note = defineResource(
	{ value: 'note', name: 'Note', defaultOperation: 'create' },
	{
		create: {
			module: create,
			name: 'Create',
			description: "Add a note to an order's timeline",
			action: 'Create a note',
		},
		getMany: {
			module: getMany,
			name: 'Get Many',
			description: "List an order's notes",
			action: 'Get many notes',
		},
	},
);
