/**
 * A ReadableStream that pulls from an async iterator only when its reader asks for more, so a
 * slow client slows the export down instead of filling memory (the iterator in turn FETCHes from
 * the database cursor only when pulled). Cancelling the stream — a client that disconnects —
 * returns the iterator, which releases the cursor's connection. An error after the first bytes
 * can only abort the response: the download ends incomplete, never silently short.
 */
export function readableFrom(chunks: AsyncIterable<Uint8Array>, onError: (err: unknown) => void = console.error): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            const { value, done } = await iterator.next();
            // Cancelled while this chunk was being made: the stream takes nothing more.
            if (cancelled) return;
            if (done) return controller.close();
            if (value.byteLength > 0) return controller.enqueue(value);
          }
        } catch (err) {
          if (cancelled) return;
          onError(err);
          controller.error(err);
        }
      },
      async cancel() {
        cancelled = true;
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
