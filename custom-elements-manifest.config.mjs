// `cem analyze` settings for the build's dist/custom-elements.json (build/packages.ts).
export default {
  globs: ['src/components/**/*.ts'],
  litelement: true,
  // The build must not rewrite package.json (its `customElements` field is fixed).
  packagejson: false,
};
