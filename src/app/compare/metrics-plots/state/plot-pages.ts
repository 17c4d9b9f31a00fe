import { EMPTY, Observable, expand, map, reduce } from 'rxjs';
import { EventsApi, MultiTaskPlots } from '../../../core/api/events-api';

/** Pages of plots asked for at most, one after another while the server hands a scroll id. */
export const MAX_PLOT_PAGES = 200;

/**
 * Every page of the tasks' last plots (one iteration per metric), in the order they came. The next
 * page is asked for while the server hands a scroll id and the last page held plots, until the
 * pages have returned the `total` the server counted (clearml-server counts the events its query
 * matched, and returns at most as many: once as many have come, a further page would be empty).
 */
export function fetchPlotPages(eventsApi: EventsApi, taskIds: string[]): Observable<MultiTaskPlots[]> {
  let count = 0;
  let returned = 0;
  const page = (scrollId?: string) => eventsApi.multiTaskPlots({ tasks: taskIds, iters: 1, ...(scrollId ? { scroll_id: scrollId } : {}) });
  return page().pipe(
    expand((res) => {
      returned += res.returned;
      const all = typeof res.total === 'number' && returned >= res.total;
      return res.scroll_id && res.returned > 0 && !all && ++count < MAX_PLOT_PAGES ? page(res.scroll_id) : EMPTY;
    }),
    map((res) => res.plots),
    reduce((all, plots) => [...all, plots], [] as MultiTaskPlots[]),
  );
}
