import { InputError } from '@switchboard/contacts';

/** Decodes a byte stream as UTF-8, refusing (not garbling) files saved in another encoding. */
export async function* utf8Text(chunks: AsyncIterable<Uint8Array>): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new InputError({
        file: 'is not UTF-8 text; in Excel choose Save as → "CSV UTF-8", or convert the file first',
      });
    }
  };
  for await (const chunk of chunks) yield decode(chunk);
  const rest = decode();
  if (rest) yield rest;
}
