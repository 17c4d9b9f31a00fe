/**
 * The width in px of text drawn at `sizePx` in the font `host` inherits, measured on a canvas (no
 * layout) and remembered per text. The font is read on the first call, once the host is in the page.
 * Without a canvas (a test host), about 0.6 em a character.
 */
export function textMeasure(host: Element, sizePx: number): (text: string) => number {
  const widths = new Map<string, number>();
  let context: CanvasRenderingContext2D | null | undefined;
  return (text) => {
    const known = widths.get(text);
    if (known !== undefined) return known;
    if (context === undefined) {
      context = document.createElement('canvas').getContext('2d');
      if (context) context.font = `${sizePx}px ${getComputedStyle(host).fontFamily || 'sans-serif'}`;
    }
    const width = context ? context.measureText(text).width : text.length * sizePx * 0.6;
    widths.set(text, width);
    return width;
  };
}
