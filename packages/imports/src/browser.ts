// What the web app's import wizard shares with the server: the CSV reader and the mapping proposals. No Node APIs.
export { CsvSyntaxError, detectDelimiter, delimiterOf } from './csv/csv-format.ts';
export { previewRecords } from './csv/csv-preview.ts';
export {
  FIELD_TARGETS,
  MAPPING_ATTRIBUTE_TYPES,
  attributeKeyFor,
  columnKey,
  formatTarget,
  mappingProblems,
  parseTarget,
  proposeMapping,
  type ColumnTarget,
  type FieldTarget,
} from './mapping/import-mapping.ts';
