import {
  TASK_DASHES,
  TASK_PALETTE,
  TASK_SLOTS,
  assignSlots,
  displayNames,
  formatSlots,
  nextSlots,
  parseSlots,
  slotLook,
  svgDashArray,
} from './task-colors';

/** CIELAB (D65) of a `#rrggbb` colour. */
function lab(hex: string): [number, number, number] {
  const lin = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = [lin(1), lin(3), lin(5)];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => i.toString(16).padStart(32, '0'));

describe('task colours: the palette', () => {
  it('has colours far apart from each other, of a lightness that reads on light and dark backgrounds', () => {
    const labs = TASK_PALETTE.map(lab);
    for (let i = 0; i < labs.length; i++) {
      expect(labs[i][0]).withContext(TASK_PALETTE[i]).toBeGreaterThanOrEqual(40);
      expect(labs[i][0]).withContext(TASK_PALETTE[i]).toBeLessThanOrEqual(75);
      for (let j = 0; j < i; j++) {
        const distance = Math.hypot(labs[i][0] - labs[j][0], labs[i][1] - labs[j][1], labs[i][2] - labs[j][2]);
        expect(distance).withContext(`${TASK_PALETTE[i]} / ${TASK_PALETTE[j]}`).toBeGreaterThan(25);
      }
    }
  });

  it('gives 100 slots 100 different looks: past the palette, a dash and a marker of their own', () => {
    expect(TASK_SLOTS).toBeGreaterThanOrEqual(100);
    const looks = Array.from({ length: 100 }, (_, slot) => slotLook(slot));
    expect(new Set(looks.map((l) => `${l.color}|${l.dash}`)).size).toBe(100);
    expect(new Set(looks.map((l) => `${l.color}|${l.symbol}`)).size).toBe(100);
    expect(looks.slice(0, TASK_PALETTE.length).every((l) => l.dash === 'solid' && l.round === 0)).toBeTrue();
    expect(new Set(looks.slice(0, TASK_PALETTE.length).map((l) => l.color)).size).toBe(TASK_PALETTE.length);
    expect(looks[TASK_PALETTE.length].color).toBe(looks[0].color);
    expect(looks[TASK_PALETTE.length].dash).not.toBe(looks[0].dash);
  });

  it('writes each dash as an SVG dash array, solid as none', () => {
    expect(svgDashArray('solid')).toBeNull();
    const arrays = TASK_DASHES.slice(1).map((d) => svgDashArray(d));
    expect(arrays.every((a) => !!a && /^[\d. ]+$/.test(a))).toBeTrue();
    expect(new Set(arrays).size).toBe(arrays.length);
  });
});

describe('task colours: slots', () => {
  it('gives the tasks of a new comparison slots in order, so colours differ within it', () => {
    expect(assignSlots(ids(3))).toEqual([0, 1, 2]);
    const twelve = assignSlots(ids(12)).map((s) => slotLook(s).color);
    expect(new Set(twelve).size).toBe(12);
    const hundred = assignSlots(ids(100)).map(slotLook);
    expect(new Set(hundred.map((l) => `${l.color}|${l.dash}|${l.symbol}`)).size).toBe(100);
  });

  it("keeps a task's slot when another is removed, and a new task takes the first free slot", () => {
    const [a, b, c, d] = ids(4);
    const start = assignSlots([a, b, c]);
    const removed = nextSlots([a, b, c], start, [a, c]);
    expect(removed).toEqual([0, 2]);
    expect(nextSlots([a, c], removed, [a, c, d])).toEqual([0, 2, 1]);
    // Reordering (a new base) moves the slots with their tasks.
    expect(nextSlots([a, b, c], start, [c, a, b])).toEqual([2, 0, 1]);
  });

  it('reads the slots back from the URL, and leaves them out when they are 0, 1, 2…', () => {
    expect(formatSlots([0, 1, 2])).toBeNull();
    expect(formatSlots([0, 2])).toBe('0,2');
    expect(assignSlots(ids(2), parseSlots(formatSlots([0, 2])))).toEqual([0, 2]);
    expect(assignSlots(ids(3), parseSlots(null))).toEqual([0, 1, 2]);
  });

  it('repairs slots a hand-edited URL gets wrong: duplicates, out of range, missing or not numbers', () => {
    expect(parseSlots('3,x,,7')).toEqual([3, null, null, 7]);
    expect(assignSlots(ids(4), [1, 1, 999, -1])).toEqual([1, 0, 2, 3]);
    expect(assignSlots(ids(3), [5])).toEqual([5, 0, 1]);
    expect(assignSlots(ids(2), [0.5, 2])).toEqual([0, 2]);
  });
});

describe('task names', () => {
  it('adds an id suffix only to names that several tasks share', () => {
    const names = displayNames([
      { id: 'aaaaa1', name: 'resnet' },
      { id: 'bbbbb2', name: 'resnet' },
      { id: 'ccccc3', name: 'vit' },
    ]);
    expect(names.get('aaaaa1')).toBe('resnet · aaaaa');
    expect(names.get('bbbbb2')).toBe('resnet · bbbbb');
    expect(names.get('ccccc3')).toBe('vit');
  });
});
