import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** A task status as a coloured chip ("in progress", "failed"...). */
@Component({
  selector: 'app-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': 'classes()', '[attr.data-status]': 'status()' },
  template: `{{ label() }}`,
})
export class StatusChip {
  readonly status = input.required<string>();
  protected readonly label = computed(() => this.status().replace(/_/g, ' '));
  protected readonly classes = computed(() => `status-chip status-${this.status()}`);
}
