// What the web app's import wizard shares with the server: the CSV reader and the mapping proposals. No Node APIs.
export { CsvParser, CsvSyntaxError, detectDelimiter, parseCsv } from './csv/csv-parser.ts';
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
