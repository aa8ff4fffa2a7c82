// pdfjs-dist ships no types for its worker module; extract-pdf.ts only passes it to PDF.js.
declare module "pdfjs-dist/legacy/build/pdf.worker.mjs" {
  export const WorkerMessageHandler: unknown;
}
