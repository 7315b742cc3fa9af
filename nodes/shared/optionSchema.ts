import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { z } from './zod';

/** The field named `name` among these properties, members of collections and list rows included. */
function fieldNamed(properties: INodeProperties[], name: string): INodeProperties | undefined {
	for (const property of properties) {
		if (property.name === name) return property;
		const children = (property.options ?? []).flatMap((option) =>
			'values' in option
				? (option as INodePropertyCollection).values
				: 'displayName' in option
					? [option as INodeProperties]
					: [],
		);
		const found = children.length > 0 ? fieldNamed(children, name) : undefined;
		if (found) return found;
	}
	return undefined;
}

/**
 * The rule of an options field, from the field itself: its value must be one of the property's
 * own `options`, so the UI's list is the only list. `message` says what is expected in the
 * words the error uses. `Value` names the values for TypeScript only; what is accepted is read
 * from the options.
 */
export function optionSchema<Value extends string = string>(
	properties: INodeProperties[],
	name: string,
	message: string,
): z.ZodEnum<[Value, ...Value[]]> {
	const options = (fieldNamed(properties, name)?.options ?? []) as INodePropertyOptions[];
	const values = options.map(({ value }) => String(value) as Value);
	return z.enum(values as [Value, ...Value[]], { errorMap: () => ({ message }) });
}
