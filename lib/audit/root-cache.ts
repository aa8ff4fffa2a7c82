import { leafReader, type Query } from "./log-store";
import { lazySubtreeRoots, nodeHash, rootOf, splitPoint, type Hash } from "./merkle";

/** lazySubtreeRoots' chunk: perfect subtrees this large and larger are remembered; below, leaves are read. */
const CHUNK = 1024;

/**
 * Subtree roots over sealed leaves, remembered across rounds (sealed leaves never change), plus
 * the leaves of the round in progress, served from memory so nothing uncommitted is remembered.
 *
 * The right edge (sealed leaves past the last full chunk, fewer than CHUNK) is kept in memory too:
 * every round's root needs it, and reading it back would cost up to CHUNK rows a round. It grows
 * only by `sealed()`, called after a round commits; if the log grew some other way (another
 * sealer), it no longer ends where the log ends and is read again.
 */
export class RootCache {
  private committed = lazySubtreeRoots(this.readCommitted.bind(this), { chunkSize: CHUNK });
  private query: Query | null = null;
  private size = 0;
  private edge: { start: number; leaves: Hash[] } | null = null;

  private edgeFits(size: number): boolean {
    return this.edge !== null && this.edge.start === size - (size % CHUNK) && this.edge.start + this.edge.leaves.length === size;
  }

  private async readCommitted(start: number, end: number): Promise<Hash[]> {
    const edgeStart = this.size - (this.size % CHUNK);
    if (start < edgeStart) return leafReader(this.query!)(start, end);
    if (!this.edgeFits(this.size)) this.edge = { start: edgeStart, leaves: await leafReader(this.query!)(edgeStart, this.size) };
    return this.edge!.leaves.slice(start - edgeStart, end - edgeStart);
  }

  /** The root function of a tree of `oldSize` sealed leaves followed by `fresh` (this round's). */
  with(query: Query, oldSize: number, fresh: Hash[]) {
    this.query = query;
    this.size = oldSize;
    const committed = this.committed;
    // RFC 6962's split, so every subtree wholly inside the committed part comes from the cache.
    const root = async (start: number, end: number): Promise<Hash> => {
      if (end <= oldSize) return committed(start, end);
      if (start >= oldSize) return rootOf(fresh.slice(start - oldSize, end - oldSize));
      const k = splitPoint(end - start);
      return nodeHash(await root(start, start + k), await root(start + k, end));
    };
    return root;
  }

  /** After a round committed `fresh` onto `oldSize` sealed leaves: extends the right edge. */
  sealed(oldSize: number, fresh: Hash[]) {
    const before = this.edgeFits(oldSize) ? this.edge! : oldSize % CHUNK === 0 ? { start: oldSize, leaves: [] } : null;
    if (!before) {
      this.edge = null;
      return;
    }
    const size = oldSize + fresh.length;
    const start = size - (size % CHUNK);
    const leaves = before.leaves.concat(fresh);
    this.edge = { start, leaves: leaves.slice(start - before.start) };
  }

  reset() {
    this.committed = lazySubtreeRoots(this.readCommitted.bind(this), { chunkSize: CHUNK });
    this.edge = null;
  }
}
