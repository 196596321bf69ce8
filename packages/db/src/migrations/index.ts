import { Migration20261126000000Foundation } from './Migration20261126000000Foundation.ts';

/** Listed explicitly (not globbed) so migrations run the same from TypeScript sources, bundles and tests. */
export const migrationsList = [
  { name: 'Migration20261126000000Foundation', class: Migration20261126000000Foundation },
];
