import { Task } from '../../../core/api/models';
import { FieldEntry, SectionInput } from '../../side-by-side/comparison-model';
import { unionKeys } from '../../side-by-side/comparison-model';

/** Hyperparameters as one section per hyperparameter section (Args, General...), a row per name. */
export function hyperparameterSections(tasks: (Task | null)[]): SectionInput[] {
  const sectionNames = unionKeys(tasks.map((t) => Object.keys(t?.hyperparams ?? {})));
  return sectionNames.map((section) => ({
    id: `hp:${section}`,
    title: section,
    entries: tasks.map((task): FieldEntry[] =>
      Object.entries(task?.hyperparams?.[section] ?? {}).map(([name, param]) => ({
        key: `${section}/${name}`,
        label: param.name ?? name,
        depth: 0,
        kind: 'value',
        value: param.value ?? null,
        tooltip: [`${section}/${param.name ?? name}`, param.type ? `type: ${param.type}` : '', param.description ?? '']
          .filter(Boolean)
          .join(' — '),
      })),
    ),
  }));
}
