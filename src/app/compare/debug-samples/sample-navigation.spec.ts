import { DebugSampleEvent } from '../../core/api/events-api';
import {
  SampleIteration,
  columnPosition,
  iterationNumbers,
  iterationRange,
  moveIteration,
  nearestIteration,
  sortSamples,
  variantIterations,
} from './sample-navigation';

function sample(iter: number, metric = 'm', variant = 'v'): DebugSampleEvent {
  return { task: 't', metric, variant, iter, url: `/files/${metric}/${variant}/${iter}.png` };
}
function iteration(iter: number, ...variants: string[]): SampleIteration {
  return { iter, events: (variants.length ? variants : ['v']).map((v) => sample(iter, 'm', v)) };
}

describe('sample navigation', () => {
  describe('nearestIteration', () => {
    const iters = [1000, 800, 600, 400, 200];
    it('finds the iteration itself when reported', () => expect(nearestIteration(iters, 600)).toBe(600));
    it('finds the closest one in between', () => {
      expect(nearestIteration(iters, 650)).toBe(600);
      expect(nearestIteration(iters, 760)).toBe(800);
    });
    it('prefers the earlier one on a tie', () => expect(nearestIteration(iters, 700)).toBe(600));
    it('clamps to the ends', () => {
      expect(nearestIteration(iters, -5)).toBe(200);
      expect(nearestIteration(iters, 99999)).toBe(1000);
    });
    it('is null without iterations', () => expect(nearestIteration([], 5)).toBeNull());
    it('does not depend on order', () => expect(nearestIteration([200, 1000, 600], 550)).toBe(600));
  });

  describe('columnPosition', () => {
    const iterations = [iteration(750, 'b', 'a'), iteration(500), iteration(250)];

    it('shows the newest iteration by default, at the newest end', () => {
      const p = columnPosition(iterations, null);
      expect(p.shown?.iter).toBe(750);
      expect(p).toEqual(jasmine.objectContaining({ hasNewer: false, hasOlder: true, atNewest: true, isNearest: false }));
    });
    it('sorts the samples of the iteration by metric and variant', () => {
      expect(columnPosition(iterations, null).shown?.events.map((e) => e.variant)).toEqual(['a', 'b']);
    });
    it('is at the oldest end on the first iteration', () => {
      const p = columnPosition(iterations, 250);
      expect(p).toEqual(jasmine.objectContaining({ hasNewer: true, hasOlder: false, atNewest: false, isNearest: false }));
    });
    it('marks a nearby iteration as the nearest to the target', () => {
      const p = columnPosition(iterations, 560);
      expect(p.shown?.iter).toBe(500);
      expect(p.isNearest).toBeTrue();
      expect(p.target).toBe(560);
      expect(p.hasNewer && p.hasOlder).toBeTrue();
    });
    it('shows nothing and disables every move without samples', () => {
      expect(columnPosition([], 300)).toEqual({
        shown: null,
        target: 300,
        isNearest: false,
        hasOlder: false,
        hasNewer: false,
        atNewest: true,
      });
    });
  });

  describe('moveIteration', () => {
    const iters = [250, 750, 500];
    it('moves to the neighbour iteration', () => {
      expect(moveIteration(iters, 750, 'older')).toBe(500);
      expect(moveIteration(iters, 500, 'newer')).toBe(750);
      expect(moveIteration(iters, 250, 'newest')).toBe(750);
      expect(moveIteration(iters, null, 'older')).toBe(500);
    });
    it('stops at the ends', () => {
      expect(moveIteration(iters, 250, 'older')).toBeNull();
      expect(moveIteration(iters, 750, 'newer')).toBeNull();
      expect(moveIteration([], null, 'newest')).toBeNull();
    });
    it('from an unreported iteration, goes to the next reported one in the direction', () => {
      expect(moveIteration(iters, 600, 'older')).toBe(500);
      expect(moveIteration(iters, 600, 'newer')).toBe(750);
      expect(moveIteration(iters, 100, 'older')).toBeNull();
    });
  });

  it('lists iteration numbers newest first without duplicates', () => {
    expect(iterationNumbers([iteration(2), iteration(9), iteration(2)])).toEqual([9, 2]);
  });

  it('spans the iterations of several columns', () => {
    expect(iterationRange([[iteration(500), iteration(250)], [], [iteration(1000)]])).toEqual([250, 1000]);
    expect(iterationRange([[], []])).toBeNull();
  });

  it('lists the iterations of one metric/variant oldest first', () => {
    const its = [iteration(30, 'x'), iteration(20, 'y'), iteration(10, 'x', 'y')];
    expect(variantIterations(its, 'm', 'x')).toEqual([10, 30]);
    expect(variantIterations(its, 'other', 'x')).toEqual([]);
  });

  it('orders samples by metric, then variant', () => {
    const sorted = sortSamples([sample(1, 'b', 'a'), sample(1, 'a', 'z'), sample(1, 'a', 'b')]);
    expect(sorted.map((s) => `${s.metric}/${s.variant}`)).toEqual(['a/b', 'a/z', 'b/a']);
  });
});
