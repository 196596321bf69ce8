export { importContactsWorkflow, type ImportContactsInput } from './import-contacts.workflow.ts';
