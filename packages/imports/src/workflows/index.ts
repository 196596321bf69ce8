export { importContactsWorkflow, type ImportContactsInput } from './import-contacts.workflow.ts';
export { resumeStalledImportsWorkflow } from './resume-stalled-imports.workflow.ts';
