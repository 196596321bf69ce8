export {
  blockDocumentSchema,
  sectionSchema,
  contentBlockSchema,
  SOCIAL_NETWORKS,
  type BlockDocument,
  type Section,
  type Column,
  type ContentBlock,
} from './blocks/block-document.ts';
export { blocksToMjml } from './blocks/blocks-to-mjml.ts';
export { safeRichText } from './blocks/rich-text.ts';
export { compileTemplate, type CompiledTemplate } from './render/compile-template.ts';
export {
  parseDraft,
  type TemplateDraft,
  type TemplateChannel,
  type TemplateFormat,
} from './render/template-draft.ts';
export { checkTemplate, blocksPublishing, type CheckFinding } from './checks/pre-send-checks.ts';
export { spamPhrasesIn } from './checks/spam-words.ts';
export {
  createTemplateSchema,
  createTemplate,
  listTemplates,
  listTemplatesPage,
  getTemplate,
  saveDraft,
  previewDraft,
  publishTemplate,
  archiveTemplate,
  duplicateTemplate,
  type TemplateView,
} from './store/template-store.ts';
export { renderPreview, type Preview } from './store/render-preview.ts';
export { listSavedBlocks, saveBlock, deleteSavedBlock } from './store/saved-blocks.ts';
export { starterDocument, footerSection } from './store/starter-documents.ts';
