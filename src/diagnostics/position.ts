/** Conversion between string offsets (UTF-16 indices, as tree-sitter and JS use) and 1-based line:col. */

/** Maps offsets of one text to 1-based lines and columns; build once per text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    // indexOf searches natively: a loop over every character runs unoptimised in a cold process
    // (a few ms per 100 KB text, and a port indexes several).
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** Number of lines (a final line without newline counts). */
  get lineCount(): number {
    return this.text.endsWith('\n') ? this.starts.length - 1 : this.starts.length;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.starts[lo] + 1 };
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line - 1, 0), this.starts.length - 1)];
  }
}
