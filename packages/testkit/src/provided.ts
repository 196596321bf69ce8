declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection URL of the test cluster's maintenance database. */
    pgAdminUrl: string;
    /** A migrated database each test file clones (CREATE DATABASE … TEMPLATE). */
    pgTemplateDatabase: string;
    temporalAddress: string;
  }
}
export {};
