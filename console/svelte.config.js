/** Svelte 5 runes everywhere; TypeScript in components is type-only, which Svelte strips itself. */
export default {
  compilerOptions: { runes: true },
};
