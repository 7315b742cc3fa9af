// Copies the node and credential icons next to the compiled files in dist/,
// where n8n resolves the `file:` icons a description names.
const { task, src, dest } = require('gulp');

function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

task('build:icons', copyIcons);
