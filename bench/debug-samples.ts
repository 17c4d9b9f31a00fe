/**
 * node --import tsx bench/debug-samples.ts [--runs 3] [--app DIR]
 *
 * Debug samples with 100 tasks × 50 iterations × 8 samples (issue 11): time until the images in the
 * viewport are loaded (≤ 1 s) and the number of <img> elements in the page (≤ 150), plus memory.
 */
import { memoryResults, result } from './lib/page';
import { runTabBench } from './lib/tab-bench';

const visibleImages = `[...document.images].filter((img) => { const r = img.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth; })`;

async function main() {
  const samples = await runTabBench({
    view: 'debug-images',
    ready: `${visibleImages}.length > 0 && ${visibleImages}.every((img) => img.complete && img.naturalWidth > 0)`,
    extra: {
      imagesInView: `${visibleImages}.length`,
      images: `document.images.length`,
      columns: `document.querySelectorAll('[data-testid="sample-column"]').length`,
    },
  });
  result('debug samples (100 tasks × 50 iterations × 8 samples): viewport images loaded', samples.medianReady, 'ms', 1000);
  result('debug samples: <img> elements in the DOM', samples.extra['images'], 'images', 150);
  result('debug samples: longest task', samples.medianLongest, 'ms', 200);
  result('debug samples: opened in the app (from Details), viewport images loaded', samples.inApp.ready, 'ms', 1000);
  result('debug samples: opened in the app, longest task', samples.inApp.longest, 'ms', 200);
  memoryResults('debug samples', samples.memory);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
