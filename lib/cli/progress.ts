/** A one-line progress bar on stderr when it is a terminal; plain lines otherwise (CI logs). */
export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr) {
  const width = 28;
  const started = Date.now();
  return {
    update(done: number, label: string) {
      if (!stream.isTTY) return;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
      const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${rate.toFixed(1)}/s ${label}`;
      stream.write(`\r\x1b[2K${line.slice(0, (stream.columns ?? 100) - 1)}`);
    },
    done() {
      if (stream.isTTY) stream.write("\r\x1b[2K");
    },
  };
}
