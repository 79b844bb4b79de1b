/**
 * A part of a document that can be written with more or less detail. Level 0 is the least (what
 * is always written), and each level is at least as long as the one before. A block renders to
 * pieces the document places where they belong (one per gateway, say): its size is their length.
 */
export interface Block {
  levels: number;
  render(level: number): string[];
}

/** One step of fitting: raise `block` to its most detailed level, at most `upTo`, that still fits. */
export interface Stage {
  block: Block;
  upTo?: number;
}

export interface Fitted {
  /** Each block's pieces at its chosen level. */
  pieces: Map<Block, string[]>;
  /** The pieces' total length. */
  length: number;
  /** Whether every block at level 0 fits the budget; when not, every block stays at level 0. */
  fits: boolean;
}

/**
 * Chooses a level per block so that the pieces' total length stays within `budget`: every block
 * starts at level 0; then each stage, in order, raises its block as far as the remaining budget
 * allows. Earlier stages win: what they take, later ones cannot have. Levels are found by binary
 * search, so a block with thousands of levels (one per list entry) renders a few times only.
 */
export function fitBlocks(blocks: Block[], stages: Stage[], budget: number): Fitted {
  const rendered = new Map<Block, Map<number, { pieces: string[]; length: number }>>();
  const at = (block: Block, level: number) => {
    const cache = rendered.get(block) ?? new Map<number, { pieces: string[]; length: number }>();
    rendered.set(block, cache);
    let r = cache.get(level);
    if (!r) {
      const pieces = block.render(level);
      r = { pieces, length: pieces.reduce((n, p) => n + p.length, 0) };
      cache.set(level, r);
    }
    return r;
  };
  const level = new Map<Block, number>(blocks.map((b) => [b, 0]));
  let length = blocks.reduce((n, b) => n + at(b, 0).length, 0);
  const fits = length <= budget;
  if (fits) {
    for (const { block, upTo } of stages) {
      const current = level.get(block) ?? 0;
      const base = at(block, current).length;
      let lo = current;
      let hi = Math.min(upTo ?? block.levels - 1, block.levels - 1);
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (length - base + at(block, mid).length <= budget) lo = mid;
        else hi = mid - 1;
      }
      level.set(block, lo);
      length += at(block, lo).length - base;
    }
  }
  return { pieces: new Map(blocks.map((b) => [b, at(b, level.get(b) ?? 0).pieces])), length, fits };
}
